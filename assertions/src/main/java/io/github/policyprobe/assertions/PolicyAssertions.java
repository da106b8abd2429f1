package io.github.policyprobe.assertions;

import io.github.policyprobe.cluster.Cluster;
import java.util.function.Consumer;
import org.assertj.core.api.SoftAssertionsProvider;

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
 *
 * assertSoftly(softly -&gt; {   // every failure collected, reported together at the end
 *   softly.assertThat(cluster).permitsK10In("kasten-io");
 *   softly.assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("shop");
 * });
 * </pre>
 */
public final class PolicyAssertions {
  private PolicyAssertions() {}

  public static ClusterAssert assertThat(Cluster cluster) {
    return new ClusterAssert(cluster);
  }

  /** Runs {@code softly}, then fails once with every failure it collected (see {@link PolicySoftAssertions}). */
  public static void assertSoftly(Consumer<PolicySoftAssertions> softly) {
    SoftAssertionsProvider.assertSoftly(PolicySoftAssertions.class, softly);
  }
}
