package com.example.platform;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.BASELINE;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.RESTRICTED;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.junit.PolicyCluster;
import org.junit.jupiter.api.Test;

/** The platform's hardening, tested both ways: K10 still runs, and the hardening still bites. */
@PolicyCluster(manifests = "policies/cluster/", admissionConfig = "policies/admission.yaml")
class HardeningTest {

  @Test
  void k10IsStillAdmittedInItsNamespace(Cluster cluster) {
    assertThat(cluster).permitsK10In("kasten-io");
  }

  @Test
  void applicationNamespacesEnforceRestricted(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("shop");
  }

  @Test
  void k10sNamespaceIsRelaxedToBaselineOnly(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(BASELINE).in("kasten-io");
  }
}
