package io.github.policyprobe.internal.inforce;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.policyprobe.internal.kube.GenericResources;
import java.util.List;
import java.util.Map;

/**
 * Kyverno's canary: one ClusterPolicy with a validate rule that denies ConfigMaps labelled with
 * the canary's id and a mutate rule that annotates others. Kyverno rewrites its webhook
 * configurations for it, so its denial also proves the API server has loaded every webhook
 * configuration Kyverno wrote before, for the user's policies too.
 */
public final class KyvernoCanary extends Canary {
  static final String DENY_LABEL = "policyprobe.io/kyverno-canary-deny";
  static final String MARK_LABEL = "policyprobe.io/kyverno-canary-mark";
  static final String MARK_ANNOTATION = "policyprobe.io/kyverno-canary";

  public KyvernoCanary(KubernetesClient client) {
    super(client, "Kyverno", DENY_LABEL, MARK_LABEL, MARK_ANNOTATION);
  }

  @Override
  List<GenericKubernetesResource> policies() {
    return List.of(GenericResources.of(Map.of(
        "apiVersion", "kyverno.io/v1",
        "kind", "ClusterPolicy",
        "metadata", Map.of("name", id),
        "spec", Map.of(
            "background", false,
            "rules", List.of(
                Map.of(
                    "name", "mark",
                    "match", configMapsLabelled(MARK_LABEL),
                    "mutate", Map.of("patchStrategicMerge", Map.of(
                        "metadata", Map.of("annotations", Map.of(MARK_ANNOTATION, id))))),
                Map.of(
                    "name", "deny",
                    "match", configMapsLabelled(DENY_LABEL),
                    "validate", Map.of(
                        "failureAction", "Enforce",
                        "message", id + " is in force",
                        "deny", Map.of())))))));
  }

  private Map<String, Object> configMapsLabelled(String label) {
    return Map.of("any", List.of(Map.of("resources", Map.of(
        "kinds", List.of("ConfigMap"),
        "selector", Map.of("matchLabels", Map.of(label, id))))));
  }
}
