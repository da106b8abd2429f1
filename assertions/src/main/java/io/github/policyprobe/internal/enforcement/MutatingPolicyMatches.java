package io.github.policyprobe.internal.enforcement;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.probe.Attribution;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.probe.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Names the MutatingAdmissionPolicy behind a mutation. Unlike Kyverno and Gatekeeper, a
 * MutatingAdmissionPolicy leaves no trace on the object it changes (the API server files its
 * changes under the sender's own field manager), so the policies are read from the cluster and
 * matched against the probe the way the API server matches them: the policy's resource rules and
 * selectors, then its binding's. Match conditions are CEL and are not evaluated here: where more
 * than one policy matches, every one is named.
 */
final class MutatingPolicyMatches {
  /** GA from Kubernetes 1.36; beta before, served where policyprobe switched it on. */
  private static final List<String> API_VERSIONS =
      List.of("admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1beta1");

  private final KubernetesClient client;

  MutatingPolicyMatches(KubernetesClient client) {
    this.client = client;
  }

  /** The policies that match {@code probe}; empty when none does or none is served. */
  Optional<Attribution> of(Probe probe) {
    for (String apiVersion : API_VERSIONS) {
      List<GenericKubernetesResource> bindings;
      Map<String, GenericKubernetesResource> policies;
      try {
        bindings = client.genericKubernetesResources(apiVersion, "MutatingAdmissionPolicyBinding").list().getItems();
        policies = client.genericKubernetesResources(apiVersion, "MutatingAdmissionPolicy").list().getItems().stream()
            .collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity(), (a, b) -> a));
      } catch (KubernetesClientException notServed) {
        continue;
      }
      // both versions are views of the same objects: the first one served tells it all
      return attribution(matching(probe, bindings, policies));
    }
    return Optional.empty();
  }

  private List<String[]> matching(Probe probe, List<GenericKubernetesResource> bindings,
      Map<String, GenericKubernetesResource> policies) {
    Map<String, String> namespaceLabels = LabelSelectors.namespaceLabels(client, probe.namespace());
    HasMetadata object = probe.object();
    Map<String, String> objectLabels =
        object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    String group = HasMetadata.getGroup(object.getClass());
    Request request = new Request(client, group == null ? "" : group, HasMetadata.getPlural(object.getClass()),
        probe.operation() instanceof Operation.Create ? "CREATE" : "UPDATE", namespaceLabels, objectLabels);
    List<String[]> matches = new ArrayList<>();
    for (GenericKubernetesResource binding : bindings) {
      Map<?, ?> bindingSpec = map(binding.getAdditionalProperties().get("spec"));
      String policyName = String.valueOf(bindingSpec.get("policyName"));
      GenericKubernetesResource policy = policies.get(policyName);
      if (policy == null) {
        continue;
      }
      Map<?, ?> constraints = map(map(policy.getAdditionalProperties().get("spec")).get("matchConstraints"));
      Map<?, ?> narrowed = map(bindingSpec.get("matchResources"));
      if (request.matches(constraints, true) && request.matches(narrowed, false)) {
        matches.add(new String[] {policyName, binding.getMetadata().getName()});
      }
    }
    return matches;
  }

  private static Optional<Attribution> attribution(List<String[]> matches) {
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    if (matches.size() == 1) {
      return Optional.of(new Attribution(Engine.MUTATING_ADMISSION_POLICY, matches.get(0)[0], matches.get(0)[1],
          "the one MutatingAdmissionPolicy whose rules and selectors match this request"));
    }
    return Optional.of(new Attribution(Engine.MUTATING_ADMISSION_POLICY,
        matches.stream().map(m -> m[0]).distinct().collect(Collectors.joining(" or ")),
        matches.stream().map(m -> m[1]).collect(Collectors.joining(", ")),
        "one of " + matches.size() + " MutatingAdmissionPolicy bindings whose rules and selectors match this request"
            + " (their match conditions are not evaluated here)"));
  }

  /** What the API server matches a policy against. */
  private record Request(KubernetesClient client, String group, String resource, String operation,
      Map<String, String> namespaceLabels, Map<String, String> objectLabels) {

    /** Whether {@code match} (a matchConstraints or matchResources) selects this request. */
    boolean matches(Map<?, ?> match, boolean rulesRequired) {
      List<?> rules = list(match.get("resourceRules"));
      if (rulesRequired || !rules.isEmpty()) {
        if (rules.stream().noneMatch(this::ruleMatches)) {
          return false;
        }
      }
      if (list(match.get("excludeResourceRules")).stream().anyMatch(this::ruleMatches)) {
        return false;
      }
      return LabelSelectors.matches(LabelSelectors.of(match.get("namespaceSelector"), client), namespaceLabels)
          && LabelSelectors.matches(LabelSelectors.of(match.get("objectSelector"), client), objectLabels);
    }

    private boolean ruleMatches(Object value) {
      Map<?, ?> rule = map(value);
      return anyOf(rule.get("apiGroups"), group) && anyOf(rule.get("operations"), operation)
          && (anyOf(rule.get("resources"), resource) || list(rule.get("resources")).contains(resource + "/*"));
    }

    private static boolean anyOf(Object values, String wanted) {
      List<?> list = list(values);
      return list.contains("*") || list.contains(wanted);
    }
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }
}
