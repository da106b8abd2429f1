package io.github.policyprobe.samples;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: a policy change that breaks K10. "No fsGroup below 10000, anywhere" reads as
 * harmless hardening; K10 restores data with fsGroup 1000. This is the regression policyprobe
 * exists to catch in the pull request, before the next restore fails. The suite asserts the
 * failure, so it stays green while documenting exactly what the user would see.
 */
@PolicyCluster(manifests = "fsgroup-regression/")
class FsGroupRegressionTest {

  @Test
  void theChangeIsCaughtWithThePolicyThatBreaksK10(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10In("kasten-io"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FAIL  DENIED    fsgroup-1000")
        .hasMessageContaining("ValidatingAdmissionPolicy 'fsgroup-minimum'")
        .hasMessageContaining("fsGroup must be 10000 or higher")
        .hasMessageContaining("requirements denied in kasten-io");
  }

  @Test
  void theNewPolicyDoesBite(Cluster cluster) {
    var pod = new PodBuilder().withNewMetadata().withName("low-fsgroup").endMetadata()
        .withNewSpec().withNewSecurityContext().withFsGroup(500L).endSecurityContext()
        .addNewContainer().withName("app").withImage("registry.k8s.io/pause:3.10").endContainer()
        .endSpec().build();
    assertThat(cluster).denies(pod).in("shop")
        .by(Engine.VALIDATING_ADMISSION_POLICY, "fsgroup-minimum")
        .withMessageContaining("fsGroup must be 10000 or higher");
  }
}
