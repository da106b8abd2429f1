package io.github.policyprobe.assertions;

import io.github.policyprobe.cluster.Cluster;
import org.assertj.core.api.AbstractSoftAssertions;

/**
 * Soft assertions on a cluster's policies: every failure of the chain (a profile, Pod Security
 * levels, {@code denies(...).in(...).by(...)}, {@code admits(...).in(...).withoutWarnings()}) is
 * collected, and {@link #assertAll()} reports them together.
 *
 * <pre>
 * PolicySoftAssertions softly = new PolicySoftAssertions();
 * softly.assertThat(cluster).as("kasten-io").permitsK10In("kasten-io");
 * softly.assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("shop");
 * softly.assertAll();
 * </pre>
 *
 * It works with AssertJ's {@code SoftAssertionsExtension} ({@code @InjectSoftAssertions
 * PolicySoftAssertions softly}) and {@code SoftAssertions.assertSoftly(PolicySoftAssertions.class, ...)}.
 */
public class PolicySoftAssertions extends AbstractSoftAssertions {

  public ClusterAssert assertThat(Cluster cluster) {
    return new SoftClusterAssert(cluster, this);
  }
}
