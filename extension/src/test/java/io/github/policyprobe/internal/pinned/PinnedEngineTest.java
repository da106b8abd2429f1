package io.github.policyprobe.internal.pinned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Engine;
import org.junit.jupiter.api.Test;

class PinnedEngineTest {

  @Test
  void anEngineOutsideItsOwnCompatibilityStatementIsNamed() {
    assertThat(PinnedEngine.KYVERNO.unsupportedOn("v1.35.4")).isEmpty();
    assertThat(PinnedEngine.KYVERNO.unsupportedOn("v1.37.2")).hasValueSatisfying(why -> assertThat(why)
        .startsWith("Kyverno " + PinnedEngine.KYVERNO.version() + " states support for Kubernetes 1.33 to 1.35, not 1.37"));
    assertThat(PinnedEngine.GATEKEEPER.unsupportedOn("v1.37.2")).isEmpty();
    assertThat(PinnedEngine.GATEKEEPER.unsupportedOn("v1.33.5")).isPresent();
  }

  @Test
  void eachStartableEngineIsPinnedAndNoOtherIs() {
    for (Engine engine : Engine.values()) {
      if (engine.startable()) {
        assertThat(PinnedEngine.of(engine).engine()).isEqualTo(engine);
        assertThat(PinnedEngine.of(engine).toString()).isEqualTo(engine.displayName() + " " + PinnedEngine.of(engine).version());
      } else {
        assertThatThrownBy(() -> PinnedEngine.of(engine)).hasMessageContaining("not an engine policyprobe starts");
      }
    }
  }

  @Test
  void engineObjectsAreOwnedByTheirEngine() {
    assertThat(PinnedEngine.owning("kyverno.io", "ClusterPolicy")).contains(PinnedEngine.KYVERNO);
    assertThat(PinnedEngine.owning("policies.kyverno.io", "NamespacedValidatingPolicy")).contains(PinnedEngine.KYVERNO);
    assertThat(PinnedEngine.owning("kyverno.io", "PolicyException")).isEmpty();
    assertThat(PinnedEngine.owning("constraints.gatekeeper.sh", "K8sRequiredLabels")).contains(PinnedEngine.GATEKEEPER);
    assertThat(PinnedEngine.owning("templates.gatekeeper.sh", "ConstraintTemplate")).contains(PinnedEngine.GATEKEEPER);
    assertThat(PinnedEngine.owning("config.gatekeeper.sh", "Config")).contains(PinnedEngine.GATEKEEPER);
    assertThat(PinnedEngine.owning("admissionregistration.k8s.io", "ValidatingAdmissionPolicy")).isEmpty();
  }
}
