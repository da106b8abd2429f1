package io.github.policyprobe.internal.inforce;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.policyprobe.internal.kube.GenericResources;
import java.util.List;
import java.util.Map;

/**
 * Gatekeeper's canary: a ConstraintTemplate and constraint that deny ConfigMaps labelled with the
 * canary's id, and an AssignMetadata mutator that annotates others.
 */
public final class GatekeeperCanary extends Canary {
  static final String DENY_LABEL = "policyprobe.io/gatekeeper-canary-deny";
  static final String MARK_LABEL = "policyprobe.io/gatekeeper-canary-mark";
  static final String MARK_ANNOTATION = "policyprobe.io/gatekeeper-canary";
  private static final String TEMPLATE = "policyprobecanary";
  private static final String KIND = "PolicyprobeCanary";

  public GatekeeperCanary(KubernetesClient client) {
    super(client, "Gatekeeper", DENY_LABEL, MARK_LABEL, MARK_ANNOTATION);
  }

  @Override
  List<GenericKubernetesResource> policies() {
    String rego = String.join("\n",
        "package " + TEMPLATE,
        "",
        "violation[{\"msg\": msg}] {",
        "  input.review.object.metadata.labels[\"" + DENY_LABEL + "\"] == input.parameters.id",
        "  msg := sprintf(\"%v is in force\", [input.parameters.id])",
        "}",
        "");
    GenericKubernetesResource template = GenericResources.of(Map.of(
        "apiVersion", "templates.gatekeeper.sh/v1",
        "kind", "ConstraintTemplate",
        "metadata", Map.of("name", TEMPLATE),
        "spec", Map.of(
            "crd", Map.of("spec", Map.of(
                "names", Map.of("kind", KIND),
                "validation", Map.of("openAPIV3Schema", Map.of(
                    "type", "object",
                    "properties", Map.of("id", Map.of("type", "string")))))),
            "targets", List.of(Map.of("target", "admission.k8s.gatekeeper.sh", "rego", rego)))));
    GenericKubernetesResource constraint = GenericResources.of(Map.of(
        "apiVersion", "constraints.gatekeeper.sh/v1beta1",
        "kind", KIND,
        "metadata", Map.of("name", id),
        "spec", Map.of(
            "match", Map.of("kinds", List.of(Map.of("apiGroups", List.of(""), "kinds", List.of("ConfigMap")))),
            "parameters", Map.of("id", id))));
    GenericKubernetesResource mutator = GenericResources.of(Map.of(
        "apiVersion", "mutations.gatekeeper.sh/v1",
        "kind", "AssignMetadata",
        "metadata", Map.of("name", id),
        "spec", Map.of(
            "match", Map.of(
                "scope", "Namespaced",
                "kinds", List.of(Map.of("apiGroups", List.of(""), "kinds", List.of("ConfigMap"))),
                "labelSelector", Map.of("matchLabels", Map.of(MARK_LABEL, id))),
            "location", "metadata.annotations.\"" + MARK_ANNOTATION + "\"",
            "parameters", Map.of("assign", Map.of("value", id)))));
    return List.of(template, constraint, mutator);
  }
}
