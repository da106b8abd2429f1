package io.github.policyprobe.samples;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.BASELINE;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.RESTRICTED;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.junit.PolicyCluster;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1b, the remedy: keep the CIS configuration and label kasten-io "baseline". A label
 * overrides the cluster default for that namespace only, and only down to baseline.
 */
@PolicyCluster(
    manifests = "cis-pod-security/remedy-baseline-label/",
    admissionConfig = "cis-pod-security/admission.yaml")
class CisPodSecurityWithBaselineLabelTest {

  @Test
  void k10IsPermittedInKastenIo(Cluster cluster) {
    assertThat(cluster).permitsK10In("kasten-io");
  }

  @Test
  void applicationNamespacesStayRestricted(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("shop");
  }

  @Test
  void kastenIoStillDeniesPrivilegedPodsHostNamespacesAndHostPath(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(BASELINE).in("kasten-io");
  }

  @Test
  void kastenIoIsRelaxedOnlyToBaseline(Cluster cluster) {
    // The remedy is deliberately narrower than "restricted minus what K10 needs" cannot be:
    // restricted checks on top of baseline are off in kasten-io, and this test says so.
    assertThatThrownBy(() -> assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("kasten-io"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("kasten-io");
  }
}
