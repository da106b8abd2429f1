package io.github.policyprobe.internal.enforcement;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why Kyverno policies and Gatekeeper constraints let a baseline-breaking pod into a namespace,
 * read from their specs: a rule that only audits, a constraint that only warns, a match that
 * leaves out Pods or the namespace. Where an engine is not installed, it has nothing to say.
 */
final class EnginePolicyReasons {
  private static final int MOST = 4;

  private final KubernetesClient client;

  EnginePolicyReasons(KubernetesClient client) {
    this.client = client;
  }

  private static final String GATEKEEPER_IGNORE = "admission.gatekeeper.sh/ignore";

  List<String> explain(String namespace, Map<String, String> labels) {
    List<String> reasons = new ArrayList<>();
    kyverno(namespace, labels, reasons);
    gatekeeper(namespace, labels, reasons);
    return reasons;
  }

  private void kyverno(String namespace, Map<String, String> labels, List<String> reasons) {
    List<GenericKubernetesResource> policies = new ArrayList<>(list("kyverno.io/v1", "ClusterPolicy", null));
    policies.addAll(list("kyverno.io/v1", "Policy", namespace));
    List<String> found = new ArrayList<>();
    int enforcing = 0;
    for (GenericKubernetesResource policy : policies) {
      String policyAction = text(policy.get("spec", "validationFailureAction")).orElse("Audit");
      for (Object r : list(policy.get("spec", "rules"))) {
        Map<?, ?> rule = (Map<?, ?>) r;
        if (!(rule.get("validate") instanceof Map<?, ?> validate)) {
          continue; // mutate and generate rules do not deny
        }
        String name = "Kyverno " + policy.getKind() + " '" + policy.getMetadata().getName() + "' rule '"
            + rule.get("name") + "'";
        String action = text(validate.get("failureAction")).orElse(policyAction);
        Optional<String> outside = kyvernoMatchLeavesOut(rule, namespace, labels);
        if (outside.isPresent()) {
          found.add(name + " " + outside.get());
        } else if (!action.equalsIgnoreCase("Enforce")) {
          found.add(name + " only audits (failureAction " + action + ")");
        } else {
          enforcing++;
        }
      }
    }
    summarize(found, enforcing, "Kyverno validate rule", namespace, reasons);
  }

  /** Empty when the rule matches Pods in the namespace; else how its match or exclude leaves them out. */
  private Optional<String> kyvernoMatchLeavesOut(Map<?, ?> rule, String namespace, Map<String, String> labels) {
    List<Map<?, ?>> matches = resourceFilters(rule.get("match"));
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    boolean matched = matches.stream().anyMatch(filter -> kyvernoSelects(filter, namespace, labels));
    if (!matched) {
      return Optional.of("matches " + describeKyverno(matches) + ", not Pods in " + namespace);
    }
    List<Map<?, ?>> excludes = resourceFilters(rule.get("exclude"));
    return excludes.stream().filter(filter -> kyvernoSelects(filter, namespace, labels)).findFirst()
        .map(filter -> "excludes " + namespace + " (" + describeKyverno(List.of(filter)) + ")");
  }

  /** The resource filters of a match or exclude block: any, all, or the block's own resources. */
  private static List<Map<?, ?>> resourceFilters(Object block) {
    if (!(block instanceof Map<?, ?> map)) {
      return List.of();
    }
    List<Map<?, ?>> filters = new ArrayList<>();
    for (String key : List.of("any", "all")) {
      for (Object entry : list(map.get(key))) {
        if (entry instanceof Map<?, ?> e && e.get("resources") instanceof Map<?, ?> resources) {
          filters.add(resources);
        }
      }
    }
    if (map.get("resources") instanceof Map<?, ?> resources) {
      filters.add(resources);
    }
    return filters;
  }

  private boolean kyvernoSelects(Map<?, ?> resources, String namespace, Map<String, String> labels) {
    List<?> kinds = list(resources.get("kinds"));
    boolean pods = kinds.isEmpty() || kinds.stream().map(String::valueOf)
        .anyMatch(k -> k.equals("Pod") || k.equals("*") || k.endsWith("/Pod") || k.equals("v1/Pod"));
    List<?> namespaces = list(resources.get("namespaces"));
    boolean inNamespace = namespaces.isEmpty()
        || namespaces.stream().map(String::valueOf).anyMatch(pattern -> wildcard(pattern, namespace));
    return pods && inNamespace && LabelSelectors.matches(selector(resources.get("namespaceSelector")), labels);
  }

  private String describeKyverno(List<Map<?, ?>> filters) {
    return String.join(" or ", filters.stream().map(f -> {
      List<String> parts = new ArrayList<>();
      if (!list(f.get("kinds")).isEmpty()) {
        parts.add("kinds " + list(f.get("kinds")));
      }
      if (!list(f.get("namespaces")).isEmpty()) {
        parts.add("namespaces " + list(f.get("namespaces")));
      }
      if (f.get("namespaceSelector") != null) {
        parts.add("namespaces " + LabelSelectors.describe(selector(f.get("namespaceSelector"))));
      }
      return parts.isEmpty() ? "everything" : String.join(", ", parts);
    }).toList());
  }

  private void gatekeeper(String namespace, Map<String, String> labels, List<String> reasons) {
    List<APIResource> kinds;
    try {
      var resources = client.getApiResources("constraints.gatekeeper.sh/v1beta1");
      kinds = resources == null ? List.of() : resources.getResources();
    } catch (KubernetesClientException e) {
      return; // Gatekeeper is not installed
    }
    if (labels.containsKey(GATEKEEPER_IGNORE)) {
      reasons.add("Gatekeeper's webhook skips " + namespace + ": it is labelled " + GATEKEEPER_IGNORE);
    }
    gatekeeperConfigExcludes(namespace).ifPresent(reasons::add);
    List<String> found = new ArrayList<>();
    int enforcing = 0;
    for (APIResource kind : kinds) {
      if (kind.getName().contains("/")) {
        continue;
      }
      for (GenericKubernetesResource constraint : client.genericKubernetesResources(
          ResourceDefinitionContext.fromApiResource("constraints.gatekeeper.sh/v1beta1", kind)).list().getItems()) {
        if (PolicyprobesOwn.is(constraint.getMetadata())) {
          continue;
        }
        String name = "Gatekeeper " + constraint.getKind() + " '" + constraint.getMetadata().getName() + "'";
        String action = text(constraint.get("spec", "enforcementAction")).orElse("deny");
        Map<?, ?> match = constraint.get("spec", "match") instanceof Map<?, ?> m ? m : Map.of();
        Optional<String> outside = gatekeeperMatchLeavesOut(match, namespace, labels);
        if (outside.isPresent()) {
          found.add(name + " " + outside.get());
        } else if (!action.equals("deny")) {
          found.add(name + " only " + (action.equals("warn") ? "warns" : "records (dryrun)")
              + " (enforcementAction " + action + ")");
        } else {
          enforcing++;
        }
      }
    }
    summarize(found, enforcing, "Gatekeeper constraint", namespace, reasons);
  }

  /** Gatekeeper's Config may exclude a namespace from its webhook (or from every process). */
  private Optional<String> gatekeeperConfigExcludes(String namespace) {
    List<GenericKubernetesResource> configs;
    try {
      configs = client.genericKubernetesResources("config.gatekeeper.sh/v1alpha1", "Config").inAnyNamespace().list()
          .getItems();
    } catch (KubernetesClientException e) {
      return Optional.empty(); // Gatekeeper is not installed, or these credentials may not read its Config
    }
    for (GenericKubernetesResource config : configs) {
      for (Object entry : list(config.get("spec", "match"))) {
        if (!(entry instanceof Map<?, ?> match)) {
          continue;
        }
        List<String> processes = list(match.get("processes")).stream().map(String::valueOf).toList();
        List<String> excluded = list(match.get("excludedNamespaces")).stream().map(String::valueOf).toList();
        if ((processes.contains("*") || processes.contains("webhook"))
            && excluded.stream().anyMatch(pattern -> wildcard(pattern, namespace))) {
          return Optional.of("Gatekeeper's Config " + config.getMetadata().getNamespace() + "/"
              + config.getMetadata().getName() + " excludes " + namespace + " from its webhook (spec.match:"
              + " excludedNamespaces " + excluded + ", processes " + processes + ")");
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> gatekeeperMatchLeavesOut(Map<?, ?> match, String namespace, Map<String, String> labels) {
    List<?> kinds = list(match.get("kinds"));
    boolean pods = kinds.isEmpty() || kinds.stream().anyMatch(k -> k instanceof Map<?, ?> entry
        && list(entry.get("kinds")).stream().map(String::valueOf).anyMatch(kind -> kind.equals("Pod") || kind.equals("*")));
    if (!pods) {
      return Optional.of("matches kinds " + kinds + ", not Pods");
    }
    List<?> namespaces = list(match.get("namespaces"));
    if (!namespaces.isEmpty() && namespaces.stream().map(String::valueOf).noneMatch(p -> wildcard(p, namespace))) {
      return Optional.of("matches namespaces " + namespaces + " only");
    }
    if (list(match.get("excludedNamespaces")).stream().map(String::valueOf).anyMatch(p -> wildcard(p, namespace))) {
      return Optional.of("excludes " + namespace + " (excludedNamespaces " + list(match.get("excludedNamespaces")) + ")");
    }
    LabelSelector selector = selector(match.get("namespaceSelector"));
    if (!LabelSelectors.matches(selector, labels)) {
      return Optional.of("selects namespaces " + LabelSelectors.describe(selector) + ", not " + namespace);
    }
    return Optional.empty();
  }

  private static void summarize(List<String> found, int enforcing, String what, String namespace, List<String> reasons) {
    reasons.addAll(found.subList(0, Math.min(MOST, found.size())));
    if (found.size() > MOST) {
      reasons.add("... and " + (found.size() - MOST) + " more of the kind");
    }
    if (enforcing > 0) {
      reasons.add(enforcing + " " + what + (enforcing == 1 ? "" : "s") + " that enforce" + (enforcing == 1 ? "s" : "")
          + " on Pods in " + namespace + " did not deny this pod");
    }
  }

  private List<GenericKubernetesResource> list(String apiVersion, String kind, String namespace) {
    try {
      var operation = client.genericKubernetesResources(apiVersion, kind);
      return (namespace == null ? operation.list() : operation.inNamespace(namespace).list()).getItems()
          .stream().filter(item -> !PolicyprobesOwn.is(item.getMetadata())).toList();
    } catch (KubernetesClientException e) {
      return List.of(); // the engine is not installed, or these credentials may not list it
    }
  }

  /** Gatekeeper and Kyverno accept a trailing or leading {@code *} in namespace names. */
  static boolean wildcard(String pattern, String name) {
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.endsWith("*")) {
      return name.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    if (pattern.startsWith("*")) {
      return name.endsWith(pattern.substring(1));
    }
    return pattern.equals(name);
  }

  /** A label selector written in a policy's spec, read the way the API types read it. */
  private LabelSelector selector(Object value) {
    return LabelSelectors.of(value, client);
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  private static Optional<String> text(Object value) {
    return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }
}
