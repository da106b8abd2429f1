package io.github.policyprobe.samples;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.RESTRICTED;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.junit.PolicyCluster;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1a: the k3s CIS hardening guide's Pod Security configuration (restricted everywhere
 * but kube-system) as the cluster-wide AdmissionConfiguration. K10 cannot run in kasten-io:
 * restricted denies the capabilities it needs. This suite records that, so the remedy below is
 * a decision, not an accident.
 */
@PolicyCluster(
    manifests = "cis-pod-security/namespaces.yaml",
    admissionConfig = "cis-pod-security/admission.yaml")
class CisPodSecurityBreaksK10Test {

  @Test
  void k10IsDeniedInKastenIoByRestricted(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10In("kasten-io"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FAIL  DENIED    cap-dac-override")
        .hasMessageContaining("FAIL  DENIED    cap-fowner")
        .hasMessageContaining("FAIL  DENIED    cap-chown")
        .hasMessageContaining("by PodSecurity 'restricted:latest' (unrestricted capabilities)")
        .hasMessageContaining("must not include \"DAC_OVERRIDE\" in securityContext.capabilities.add");
  }

  @Test
  void theHardeningBitesEverywhere(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("kasten-io", "shop");
  }
}
