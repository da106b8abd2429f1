package io.github.policyprobe.internal.enforcement;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Why a namespace admits a pod that breaks the baseline level, as far as the cluster's own
 * configuration says so cheaply: Pod Security (its label, the cluster-wide default, exemptions),
 * ValidatingAdmissionPolicy bindings (actions, namespace selectors, the resources matched), and
 * Kyverno policies and Gatekeeper constraints (audit or warn only, what they match and exclude).
 */
final class UnpolicedReasons {
  static final String ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
  private static final int MOST_POLICY_REASONS = 4;

  private final KubernetesClient client;
  private final Supplier<Optional<PodSecurityDefaults>> podSecurityDefaults;

  /**
   * @param podSecurityDefaults the cluster-wide Pod Security settings, or empty where they are
   *     unknown (an existing cluster)
   */
  UnpolicedReasons(KubernetesClient client, Supplier<Optional<PodSecurityDefaults>> podSecurityDefaults) {
    this.client = client;
    this.podSecurityDefaults = podSecurityDefaults;
  }

  List<String> explain(String namespace) {
    Map<String, String> labels = LabelSelectors.namespaceLabels(client, namespace);
    List<String> reasons = new ArrayList<>();
    reasons.add(podSecurity(namespace, labels));
    reasons.addAll(validatingAdmissionPolicies(namespace, labels));
    reasons.addAll(new EnginePolicyReasons(client).explain(namespace, labels));
    return reasons;
  }

  private String podSecurity(String namespace, Map<String, String> labels) {
    Optional<PodSecurityDefaults> defaults = podSecurityDefaults.get();
    if (defaults.isPresent() && defaults.get().exemptNamespaces().contains(namespace)) {
      return "Pod Security: " + namespace + " is exempt in the AdmissionConfiguration ("
          + defaults.get().source() + ", exemptions.namespaces)";
    }
    String label = labels.get(ENFORCE_LABEL);
    if (label != null) {
      return "Pod Security: labelled " + ENFORCE_LABEL + "=" + label
          + ("privileged".equals(label) ? "" : ", yet the pod was not denied (an exemption by user or runtime class?)");
    }
    String onlyWarns = labels.entrySet().stream()
        .filter(e -> e.getKey().equals("pod-security.kubernetes.io/warn") || e.getKey().equals("pod-security.kubernetes.io/audit"))
        .map(e -> e.getKey().substring("pod-security.kubernetes.io/".length()) + "=" + e.getValue())
        .sorted().reduce((a, b) -> a + ", " + b)
        .map(modes -> "; its " + modes + " label" + (modes.contains(",") ? "s" : "") + " only report, not deny")
        .orElse("");
    return defaults.map(d -> "Pod Security: no " + ENFORCE_LABEL + " label, and the cluster-wide default is "
            + d.enforce() + " (" + d.source() + ")" + onlyWarns)
        .orElse("Pod Security: no " + ENFORCE_LABEL + " label (the cluster-wide default of an existing"
            + " cluster is not known here)" + onlyWarns);
  }

  private List<String> validatingAdmissionPolicies(String namespace, Map<String, String> labels) {
    List<ValidatingAdmissionPolicyBinding> bindings;
    try {
      bindings = client.admissionRegistration().v1().validatingAdmissionPolicyBindings().list().getItems()
          .stream().filter(binding -> !PolicyprobesOwn.is(binding.getMetadata())).toList();
    } catch (KubernetesClientException e) {
      return List.of("ValidatingAdmissionPolicies: could not be listed (" + e.getMessage() + ")");
    }
    List<String> reasons = new ArrayList<>();
    List<String> elsewhere = new ArrayList<>();
    int applying = 0;
    for (ValidatingAdmissionPolicyBinding binding : bindings) {
      String name = "'" + binding.getMetadata().getName() + "'";
      LabelSelector selector = binding.getSpec().getMatchResources() == null
          ? null : binding.getSpec().getMatchResources().getNamespaceSelector();
      if (!LabelSelectors.matches(selector, labels)) {
        elsewhere.add(name + " " + LabelSelectors.describe(selector));
        continue;
      }
      String why = whyNotApplying(binding, labels);
      if (why.isEmpty()) {
        applying++;
      } else {
        reasons.add(why);
      }
    }
    if (applying > 0) {
      reasons.add(applying + " ValidatingAdmissionPolicyBinding" + (applying == 1 ? "" : "s")
          + " with Deny select" + (applying == 1 ? "s" : "") + " Pods in " + namespace
          + ", but none denied the pod");
    }
    if (!elsewhere.isEmpty()) {
      List<String> named = elsewhere.subList(0, Math.min(MOST_POLICY_REASONS, elsewhere.size()));
      reasons.add("ValidatingAdmissionPolicyBindings that select other namespaces: " + String.join(", ", named)
          + (elsewhere.size() > named.size() ? " and " + (elsewhere.size() - named.size()) + " more" : ""));
    }
    return reasons;
  }

  /** Empty when the binding (which selects the namespace) denies Pod creates there; otherwise why not. */
  private String whyNotApplying(ValidatingAdmissionPolicyBinding binding, Map<String, String> labels) {
    String name = "ValidatingAdmissionPolicyBinding '" + binding.getMetadata().getName() + "'";
    List<String> actions = binding.getSpec().getValidationActions() == null
        ? List.of() : binding.getSpec().getValidationActions();
    if (!actions.contains("Deny")) {
      return name + " only " + String.join(" and ", actions.stream().map(String::toLowerCase).toList())
          + "s (validationActions " + actions + ")";
    }
    ValidatingAdmissionPolicy policy = client.admissionRegistration().v1().validatingAdmissionPolicies()
        .withName(binding.getSpec().getPolicyName()).get();
    if (policy == null) {
      return name + " names ValidatingAdmissionPolicy '" + binding.getSpec().getPolicyName() + "', which does not exist";
    }
    var constraints = policy.getSpec().getMatchConstraints();
    LabelSelector policySelector = constraints == null ? null : constraints.getNamespaceSelector();
    if (!LabelSelectors.matches(policySelector, labels)) {
      return "ValidatingAdmissionPolicy '" + policy.getMetadata().getName() + "' selects namespaces "
          + LabelSelectors.describe(policySelector) + " only";
    }
    List<NamedRuleWithOperations> rules = constraints == null || constraints.getResourceRules() == null
        ? List.of() : constraints.getResourceRules();
    if (rules.stream().noneMatch(UnpolicedReasons::coversPodCreate)) {
      return "ValidatingAdmissionPolicy '" + policy.getMetadata().getName() + "' matches "
          + String.join(", ", rules.stream().flatMap(r -> r.getResources() == null ? Stream.<String>empty()
              : r.getResources().stream()).distinct().toList()) + ", not pods";
    }
    return "";
  }

  private static boolean coversPodCreate(NamedRuleWithOperations rule) {
    return anyOf(rule.getApiGroups(), "") && anyOf(rule.getResources(), "pods")
        && anyOf(rule.getOperations(), "CREATE");
  }

  private static boolean anyOf(List<String> values, String wanted) {
    return values != null && (values.contains("*") || values.contains(wanted));
  }
}
