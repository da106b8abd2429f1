package io.github.policyprobe.internal.inforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.github.policyprobe.internal.kube.GenericResources;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Status readings on objects as Kyverno v1.19 and Gatekeeper v3.23 really wrote them (captured
 * from the local engines under engines/status/), and on the same objects one step earlier.
 */
class EngineObjectStatusTest {

  @Test
  void aKyvernoPolicyWithReadyTrueIsInForce() {
    GenericKubernetesResource policy = captured("kyverno-policy-ready.json");

    assertThat(EngineObjectStatus.ownerOf(policy)).contains(PinnedEngine.KYVERNO);
    assertThat(EngineObjectStatus.pending(policy)).isEmpty();
  }

  @Test
  void aKyvernoPolicyWithoutStatusOrWithReadyFalseIsNot() {
    GenericKubernetesResource fresh = captured("kyverno-policy-ready.json");
    fresh.getAdditionalProperties().remove("status");
    GenericKubernetesResource notReady = captured("kyverno-policy-ready.json");
    status(notReady).put("conditions", List.of(Map.of(
        "type", "Ready", "status", "False", "reason", "Failed", "message", "Not Ready")));

    assertThat(EngineObjectStatus.pending(fresh)).contains("Kyverno has not set condition Ready yet");
    assertThat(EngineObjectStatus.pending(notReady)).contains("condition Ready is False (Failed: Not Ready)");
  }

  @Test
  void aConstraintTemplateIsInForceOnceCreatedWithoutErrors() {
    GenericKubernetesResource template = captured("gk-template-created.json");

    assertThat(EngineObjectStatus.ownerOf(template)).contains(PinnedEngine.GATEKEEPER);
    assertThat(EngineObjectStatus.pending(template)).isEmpty();
    status(template).put("created", false);
    assertThat(EngineObjectStatus.pending(template)).get().asString().contains("status.created is not true yet");
  }

  @Test
  void aTemplateWhoseRegoGatekeeperRejectedFailsAtOnceWithGatekeepersMessage() {
    GenericKubernetesResource template = captured("gk-template-rego-error.json");

    assertThatThrownBy(() -> EngineObjectStatus.pending(template))
        .isInstanceOf(EngineObjectStatus.Rejected.class)
        .hasMessageContaining("Gatekeeper rejected ConstraintTemplate k10brokentemplate (pod no-pod)")
        .hasMessageContaining("ingest_error: Could not ingest Rego")
        .hasMessageContaining("undefined function undefined_function");
  }

  /** Seen in a CI run: two reconciles raced to create the CRD; Gatekeeper retried and went on. */
  @Test
  void aFailedCallGatekeeperRetriesIsOneMoreReasonToWaitNotARejection() {
    GenericKubernetesResource template = captured("gk-template-rego-error.json");
    @SuppressWarnings("unchecked")
    Map<String, Object> error = ((List<Map<String, Object>>) byPod(template).get(0).get("errors")).get(0);
    error.put("code", "create_error");
    error.put("message", "Could not create CRD: customresourcedefinitions.apiextensions.k8s.io"
        + " \"k10brokentemplate.constraints.gatekeeper.sh\" already exists");

    assertThat(EngineObjectStatus.pending(template)).get().asString()
        .startsWith("Gatekeeper retries after create_error: Could not create CRD")
        .contains("already exists");
    assertThat(EngineObjectStatus.rejection(template)).isEmpty();
  }

  @Test
  void aConstraintIsInForceOnlyWhenEveryPodEnforcesItsCurrentGeneration() {
    GenericKubernetesResource constraint = captured("gk-constraint-enforced.json");
    assertThat(EngineObjectStatus.ownerOf(constraint)).contains(PinnedEngine.GATEKEEPER);
    // The VAP enforcement point reports an error for a Rego-only template; the webhook enforces it.
    assertThat(EngineObjectStatus.pending(constraint)).isEmpty();

    constraint.getMetadata().setGeneration(2L);
    assertThat(EngineObjectStatus.pending(constraint)).contains("pod no-pod has seen generation 1, not 2");

    GenericKubernetesResource notEnforced = captured("gk-constraint-enforced.json");
    byPod(notEnforced).get(0).put("enforced", false);
    assertThat(EngineObjectStatus.pending(notEnforced)).contains("pod no-pod does not enforce it yet (enforced: false)");

    GenericKubernetesResource noStatus = captured("gk-constraint-enforced.json");
    noStatus.getAdditionalProperties().remove("status");
    assertThat(EngineObjectStatus.pending(noStatus)).contains("no Gatekeeper pod has reported status.byPod yet");
  }

  @Test
  void objectsNoEngineIngestsAreNotAwaited() {
    GenericKubernetesResource configMap = GenericResources.of(Map.of(
        "apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "x")));
    GenericKubernetesResource exception = GenericResources.of(Map.of(
        "apiVersion", "kyverno.io/v2", "kind", "PolicyException", "metadata", Map.of("name", "x")));

    assertThat(EngineObjectStatus.ownerOf(configMap)).isEmpty();
    assertThat(EngineObjectStatus.ownerOf(exception)).isEmpty();
    assertThat(EngineReadiness.concernsEngines(List.of(configMap, exception))).isFalse();
  }

  @Test
  void gatekeepersConfigIsInForceOnceEveryPodReportsItsGeneration() {
    GenericKubernetesResource config = new GenericKubernetesResource();
    config.setApiVersion("config.gatekeeper.sh/v1alpha1");
    config.setKind("Config");
    config.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("config")
        .withNamespace("gatekeeper-system").withGeneration(2L).build());
    assertThat(EngineObjectStatus.ownerOf(config)).contains(PinnedEngine.GATEKEEPER);
    assertThat(EngineReadiness.describe(config)).isEqualTo("Config gatekeeper-system/config");
    assertThat(EngineObjectStatus.pending(config)).contains("no Gatekeeper pod has reported status.byPod yet");

    config.setAdditionalProperty("status", new java.util.HashMap<>(Map.of("byPod", List.of(
        Map.of("id", "gatekeeper-controller-manager", "observedGeneration", 1, "operations", List.of("webhook"))))));
    assertThat(EngineObjectStatus.pending(config)).contains("pod gatekeeper-controller-manager has seen generation 1, not 2");
    status(config).put("byPod", List.of(Map.of("id", "gatekeeper-controller-manager", "observedGeneration", 2)));
    assertThat(EngineObjectStatus.pending(config)).isEmpty();
  }

  private static GenericKubernetesResource captured(String name) {
    try (InputStream in = EngineObjectStatusTest.class.getResourceAsStream("/engines/status/" + name)) {
      return Serialization.unmarshal(in, GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("status");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> byPod(GenericKubernetesResource resource) {
    return (List<Map<String, Object>>) status(resource).get("byPod");
  }
}
