package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import org.junit.jupiter.api.Test;

/** What K3sBackend says before it talks to Docker; booting is in K3sBackendEndToEndTest. */
class K3sBackendTest {

  @Test
  void withoutADockerEngineItFailsFastSayingSo() {
    assumeFalse(DockerAvailability.answers(), "a Docker engine answers here");

    assertThatThrownBy(() -> new K3sBackend().start(ClusterSpec.defaults().withBackend(Backend.K3S)))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageStartingWith("k3s cannot start here: no Docker engine answered (")
        .hasMessageContaining("Remedies: use @PolicyCluster(backend = LOCAL)");
  }

  @Test
  void aMissingAdmissionConfigIsReportedBeforeDockerIsAsked() {
    ClusterSpec spec = ClusterSpec.defaults().withBackend(Backend.K3S).withAdmissionConfig("nowhere/admission.yaml");

    assertThatThrownBy(() -> new K3sBackend().start(spec))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("AdmissionConfiguration file 'nowhere/admission.yaml' not found");
  }

  @Test
  void aKubernetesVersionTheK3sImageDoesNotRunIsReportedBeforeDockerIsAsked() {
    ClusterSpec spec = ClusterSpec.defaults().withBackend(Backend.K3S)
        .withKubernetesVersion("v1.34.2").withK3sImage("rancher/k3s:v1.33.5-k3s1");

    assertThatThrownBy(() -> new K3sBackend().start(spec))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageStartingWith("kubernetesVersion v1.34.2 and k3sImage rancher/k3s:v1.33.5-k3s1 disagree");
  }
}
