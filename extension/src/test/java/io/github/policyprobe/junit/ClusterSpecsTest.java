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

  @PolicyCluster
  static class NamesNothing {}

  @PolicyCluster(kubernetesVersion = "1.35")
  static class PinsOne {}

  @PolicyCluster(kubernetesVersions = {"1.37", "1.34"})
  static class NamesAMatrix {}

  @PolicyCluster(kubernetesVersion = "1.35", kubernetesVersions = {"1.37"})
  static class NamesBoth {}

  @PolicyCluster(k3sImage = "rancher/k3s:v1.35.4-k3s1")
  static class PinsAK3sImage {}

  @Test
  void whatTheClassNamesWinsOverTheRunsVersionSettings() {
    withProperty(io.github.policyprobe.internal.versions.KubernetesVersions.MATRIX_PROPERTY, "1.34,1.36", () -> {
      assertThat(ClusterSpecs.kubernetesVersions(annotation(NamesNothing.class))).containsExactly("v1.34.4", "v1.36.3");
      assertThat(ClusterSpecs.kubernetesVersions(annotation(PinsOne.class))).containsExactly("v1.35.4");
      // the image's tag names the release, so the settings that depend on it (MutatingAdmissionPolicy's gate) follow
      assertThat(ClusterSpecs.allFrom(annotation(PinsAK3sImage.class))).singleElement().satisfies(spec -> {
        assertThat(spec.kubernetesVersion()).isEqualTo("v1.35.4");
        assertThat(spec.effectiveApiServerArgs()).contains("--feature-gates=MutatingAdmissionPolicy=true");
      });
      assertThat(ClusterSpecs.kubernetesVersions(annotation(NamesAMatrix.class))).containsExactly("v1.37.2", "v1.34.4");
      assertThat(ClusterSpecs.allFrom(annotation(NamesAMatrix.class)))
          .extracting(io.github.policyprobe.cluster.ClusterSpec::kubernetesVersion).containsExactly("v1.37.2", "v1.34.4");
    });
    withProperty(io.github.policyprobe.internal.versions.KubernetesVersions.VERSION_PROPERTY, "1.37", () ->
        assertThat(ClusterSpecs.kubernetesVersions(annotation(NamesNothing.class))).containsExactly("v1.37.2"));
    assertThat(ClusterSpecs.kubernetesVersions(annotation(NamesNothing.class)))
        .containsExactly(io.github.policyprobe.internal.versions.Versions.KUBERNETES);
  }

  @Test
  void bothAttributesOrAnUnknownVersionFailTheClassWithTheReason() {
    assertThatThrownBy(() -> ClusterSpecs.kubernetesVersions(annotation(NamesBoth.class)))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("names both kubernetesVersion and kubernetesVersions");
    withProperty(io.github.policyprobe.internal.versions.KubernetesVersions.MATRIX_PROPERTY, "1.34,1.29", () ->
        assertThatThrownBy(() -> ClusterSpecs.kubernetesVersions(annotation(NamesNothing.class)))
            .isInstanceOf(ExtensionConfigurationException.class)
            .hasMessageStartingWith("Kubernetes 1.29 is not a minor policyprobe knows; it knows 1.34, 1.35, 1.36, 1.37"));
  }

  private static PolicyCluster annotation(Class<?> type) {
    return ClusterSpecs.annotationOf(type).orElseThrow();
  }

  private static void withProperty(String key, String value, Runnable body) {
    String previous = System.getProperty(key);
    System.setProperty(key, value);
    try {
      body.run();
    } finally {
      if (previous == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, previous);
      }
    }
  }
}
