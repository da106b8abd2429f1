package io.github.policyprobe.samples;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.BASELINE;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.RESTRICTED;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.junit.PolicyCluster;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1c, the remedy teams reach for first: exempt kasten-io in the AdmissionConfiguration.
 * K10 would run, but so would anything else: the exemption is broader than K10 needs, and
 * policyprobe refuses to call K10 "permitted" in a namespace nothing polices.
 */
@PolicyCluster(
    manifests = "cis-pod-security/namespaces.yaml",
    admissionConfig = "cis-pod-security/remedy-exemption/admission.yaml")
class CisPodSecurityWithExemptionTest {

  @Test
  void theExemptionAdmitsPrivilegedPodsInKastenIo(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).enforcesPodSecurity(BASELINE).in("kasten-io"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("kasten-io")
        .hasMessageContaining("privileged");
  }

  @Test
  void aGreenK10ResultInAnUnpolicedNamespaceIsNotTakenForATestedOne(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10In("kasten-io"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("policing-check")
        .hasMessageContaining("nothing polices kasten-io");
  }

  @Test
  void otherNamespacesKeepTheCisDefault(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("shop");
  }
}
