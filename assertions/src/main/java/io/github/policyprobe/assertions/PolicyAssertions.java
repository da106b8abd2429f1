package io.github.policyprobe.assertions;

import io.github.policyprobe.cluster.Cluster;

/**
 * The entry point: {@code assertThat(cluster).permitsK10In("kasten-io")}.
 *
 * <pre>
 * import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
 * import static io.github.policyprobe.podsecurity.PodSecurityLevel.RESTRICTED;
 *
 * assertThat(cluster).permitsK10(K10Profile.installedIn("kasten-io").protecting("shop"));
 * assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("shop");
 * assertThat(cluster).denies(pod).in("shop").by(Engine.POD_SECURITY);
 * </pre>
 */
public final class PolicyAssertions {
  private PolicyAssertions() {}

  public static ClusterAssert assertThat(Cluster cluster) {
    return new ClusterAssert(cluster);
  }
}
