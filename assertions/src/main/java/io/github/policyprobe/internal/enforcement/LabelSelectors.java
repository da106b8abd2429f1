package io.github.policyprobe.internal.enforcement;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Kubernetes label selector semantics: an absent or empty selector selects everything. */
final class LabelSelectors {
  private static final String NAME_LABEL = "kubernetes.io/metadata.name";

  private LabelSelectors() {}

  /**
   * A namespace's labels as selectors see them. The API server labels every namespace with its
   * own name, so a namespace that cannot be read still carries that one.
   */
  static Map<String, String> namespaceLabels(KubernetesClient client, String namespace) {
    try {
      Namespace ns = client.namespaces().withName(namespace).get();
      return ns == null || ns.getMetadata().getLabels() == null
          ? Map.of(NAME_LABEL, namespace) : ns.getMetadata().getLabels();
    } catch (KubernetesClientException e) {
      return Map.of(NAME_LABEL, namespace);
    }
  }

  /** A selector as it stands in an unstructured object (a Map); null, selecting everything, when absent. */
  static LabelSelector of(Object value, KubernetesClient client) {
    return value instanceof Map<?, ?> map
        ? client.getKubernetesSerialization().convertValue(map, LabelSelector.class) : null;
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
      if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
        return false;
      }
    }
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    return expressions.stream().allMatch(e -> matches(e, labels));
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false; // the API server rejects other operators; select nothing rather than guess
    };
  }

  /** Such as {@code {team=shop, env in (prod)}}; {@code everything} for an empty selector. */
  static String describe(LabelSelector selector) {
    if (selector == null) {
      return "everything";
    }
    List<String> parts = new java.util.ArrayList<>();
    (selector.getMatchLabels() == null ? Map.<String, String>of() : selector.getMatchLabels())
        .forEach((k, v) -> parts.add(k + "=" + v));
    (selector.getMatchExpressions() == null ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions())
        .forEach(e -> parts.add(e.getKey() + " " + e.getOperator()
            + (e.getValues() == null || e.getValues().isEmpty() ? ""
                : " (" + e.getValues().stream().collect(Collectors.joining(", ")) + ")")));
    return parts.isEmpty() ? "everything" : "{" + String.join(", ", parts) + "}";
  }
}
