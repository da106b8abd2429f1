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
 * K10 runs, but so would anything else: the exemption is broader than K10 needs. policyprobe
 * reports kasten-io as unpoliced, naming the exemption, and fails on it only when asked to.
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
  void k10RunsInTheExemptNamespace(Cluster cluster) {
    assertThat(cluster).permitsK10In("kasten-io");
  }

  @Test
  void theUnpolicedNamespaceIsReportedWithItsExemptionAndFailsOnlyWhenPolicingIsRequired(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).requiringPolicedNamespaces().permitsK10In("kasten-io"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FAIL  ADMITTED  policing-check        nothing polices kasten-io")
        .hasMessageContaining("why: Pod Security: kasten-io is exempt in the AdmissionConfiguration"
            + " (cis-pod-security/remedy-exemption/admission.yaml, exemptions.namespaces)")
        .hasMessageContaining("Summary: all 7 requirements admitted in kasten-io; nothing polices kasten-io");
  }

  @Test
  void otherNamespacesKeepTheCisDefault(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("shop");
  }
}
