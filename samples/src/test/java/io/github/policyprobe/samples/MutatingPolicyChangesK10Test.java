package io.github.policyprobe.samples;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.junit.PolicyCluster;
import org.junit.jupiter.api.Test;

/**
 * A MutatingAdmissionPolicy that changes K10's fsGroup instead of denying it: admission says yes,
 * and the restore later writes files with the wrong group. policyprobe reports the requirement as
 * MUTATED, names the policy and binding, and shows the field before and after. The class runs on
 * the two versions where the policy's API (admissionregistration.k8s.io/v1) is GA.
 */
@PolicyCluster(manifests = "mutating-fsgroup/", kubernetesVersions = {"1.36", "1.37"})
class MutatingPolicyChangesK10Test {

  @Test
  void theSilentChangeIsCaughtAndNamed(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10In("kasten-io"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FAIL  MUTATED   fsgroup-1000")
        .hasMessageContaining("MutatingAdmissionPolicy 'fsgroup-floor'")
        .hasMessageContaining("fsGroup 1000 -> 10000");
  }
}
