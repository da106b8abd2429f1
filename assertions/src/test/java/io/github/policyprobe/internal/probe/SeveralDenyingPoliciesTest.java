package io.github.policyprobe.internal.probe;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import org.junit.jupiter.api.Test;

/**
 * Where two ValidatingAdmissionPolicies deny one probe, the verdict names both, sorted, whichever
 * of them kube-apiserver named; the bindings' Warn twins, which make that possible, add no warning
 * of their own to any verdict.
 */
@PolicyCluster(backend = Backend.LOCAL, manifests = "policies/several-deniers/")
class SeveralDenyingPoliciesTest {

  static Pod withFsGroup(long fsGroup) {
    return new PodBuilder().withNewMetadata().withName("fs-group").endMetadata()
        .withNewSpec().withNewSecurityContext().withFsGroup(fsGroup).endSecurityContext()
        .addNewContainer().withName("c").withImage("registry.k8s.io/pause:3.10").endContainer()
        .endSpec().build();
  }

  @Test
  void aProbeBothPoliciesDenyNamesBothInOrder(Cluster cluster) {
    for (int run = 0; run < 3; run++) {
      assertThat(cluster).denies(withFsGroup(1000)).in("default")
          .by(Engine.VALIDATING_ADMISSION_POLICY, "a-no-fsgroup-1000").by("b-no-fsgroup-1000")
          .withMessageContaining("2 ValidatingAdmissionPolicies deny it:"
              + " 'a-no-fsgroup-1000' with binding 'a-binding': A says fsGroup 1000 is not allowed;"
              + " 'b-no-fsgroup-1000' with binding 'b-binding': B says fsGroup 1000 is not allowed");
    }
  }

  @Test
  void theTwinsWarnOnlyWhereTheirBindingDenies(Cluster cluster) {
    assertThat(cluster).admits(withFsGroup(3000)).in("default").withoutWarnings();
    assertThat(cluster).admits(withFsGroup(2000)).in("default").withWarningContaining("fsGroup 2000 is discouraged");
  }
}
