package io.github.policyprobe.samples;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.BASELINE;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.RESTRICTED;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.profile.K10Profile;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: Pod Security by namespace labels only. kasten-io is baseline, the applications
 * restricted. K10 itself runs; but K10 also works inside every namespace it protects (its
 * restore pods need DAC_OVERRIDE, FOWNER and CHOWN there), and restricted denies that.
 */
@PolicyCluster(manifests = "namespace-labels/")
class NamespaceLabelsTest {

  @Test
  void k10RunsInItsBaselineNamespace(Cluster cluster) {
    assertThat(cluster).permitsK10In("kasten-io");
  }

  @Test
  void k10CannotRestoreIntoARestrictedApplicationNamespace(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster)
            .permitsK10(K10Profile.installedIn("kasten-io").protecting("shop")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("shop (application namespace)")
        .hasMessageContaining("FAIL  DENIED    cap-dac-override")
        .hasMessageContaining("by PodSecurity 'restricted:latest'");
  }

  @Test
  void k10CanRestoreWhereTheNamespaceIsBaselineWithRestrictedWarnings(Cluster cluster) {
    assertThat(cluster).permitsK10(K10Profile.installedIn("kasten-io").protecting("billing-protected"));
  }

  @Test
  void theHardeningBites(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("shop", "billing");
    assertThat(cluster).enforcesPodSecurity(BASELINE).in("kasten-io", "billing-protected");
  }
}
