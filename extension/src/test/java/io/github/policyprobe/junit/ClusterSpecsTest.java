package io.github.policyprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Backend;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** policyprobe.backend decides what AUTO means for a run; an explicit backend is left alone. */
class ClusterSpecsTest {

  @Test
  void onlyEnginesPolicyprobeStartsCanBeAskedFor() {
    assertThat(io.github.policyprobe.cluster.ClusterSpec.defaults()
        .withEngines(java.util.Set.of(io.github.policyprobe.cluster.Engine.KYVERNO)).engines()).hasSize(1);
    assertThatThrownBy(() -> io.github.policyprobe.cluster.ClusterSpec.defaults()
            .withEngines(java.util.Set.of(io.github.policyprobe.cluster.Engine.POD_SECURITY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("engines starts KYVERNO and GATEKEEPER; POD_SECURITY (PodSecurity) is part of the API server"
            + " or runs elsewhere, and needs no starting");
  }

  @Test
  void theRunsSettingReplacesAutoOnly() {
    assertThat(ClusterSpecs.backend(Backend.AUTO, Optional.of("local"))).isEqualTo(Backend.LOCAL);
    assertThat(ClusterSpecs.backend(Backend.AUTO, Optional.of(" K3s "))).isEqualTo(Backend.K3S);
    assertThat(ClusterSpecs.backend(Backend.AUTO, Optional.empty())).isEqualTo(Backend.AUTO);
    assertThat(ClusterSpecs.backend(Backend.K3S, Optional.of("local"))).isEqualTo(Backend.K3S);
  }

  @Test
  void anUnknownValueNamesTheSettingAndTheChoices() {
    assertThatThrownBy(() -> ClusterSpecs.backend(Backend.AUTO, Optional.of("kind")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("policyprobe.backend (or POLICYPROBE_BACKEND) is 'kind'; expected one of auto, k3s, local"
            + " (an existing cluster is chosen with policyprobe.kubeconfig)");
  }
}
