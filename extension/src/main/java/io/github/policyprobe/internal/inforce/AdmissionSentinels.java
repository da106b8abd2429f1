package io.github.policyprobe.internal.inforce;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.policyprobe.internal.kube.GenericResources;
import io.github.policyprobe.internal.kube.NoRetries;
import io.github.policyprobe.internal.wait.BoundedWait;
import io.github.policyprobe.internal.wait.BoundedWait.NotYet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Proves that newly applied admission policies and webhook configurations are in force.
 *
 * <p>The API server learns of them through informers, a moment after they are stored. A sentinel
 * of the same kind, created after the user's objects, denies one marked dry-run ConfigMap; once
 * that denial comes back, the informer has delivered everything stored before the sentinel,
 * the user's objects included. A MutatingAdmissionPolicy sentinel proves itself by labelling
 * the marked ConfigMap instead. The sentinels are removed at once. After a removal the same proof
 * shows the informer has delivered the deletions too.
 */
public final class AdmissionSentinels {
  private static final String MARK = "policyprobe.io/sentinel";
  private static final String MUTATED_MARK = "policyprobe.io/sentinel-mutated";
  /**
   * The API server loads admission policies once a second: a steady short poll notices the load
   * within 20 ms (a backoff to 50 ms made it 25 ms late on average), for one cheap dry-run each.
   */
  private static final Duration POLL = Duration.ofMillis(20);

  private final KubernetesClient client;
  private final KubernetesClient withoutRetries;
  private final Duration timeout;

  public AdmissionSentinels(KubernetesClient client, Duration timeout) {
    this.client = client;
    this.withoutRetries = NoRetries.of(client);
    this.timeout = timeout;
  }

  /**
   * Returns once the API server decides with everything stored before this call: the objects just
   * applied (or removed) among {@code changed} included.
   *
   * @throws BoundedWait.TimedOut when a sentinel was not in force within the timeout
   */
  public void awaitInForce(Collection<GenericKubernetesResource> changed) {
    boolean policies = changed.stream()
        .anyMatch(d -> d.getKind().equals("ValidatingAdmissionPolicyBinding"));
    boolean validatingWebhooks = changed.stream()
        .anyMatch(d -> d.getKind().equals("ValidatingWebhookConfiguration"));
    boolean mutatingWebhooks = changed.stream()
        .anyMatch(d -> d.getKind().equals("MutatingWebhookConfiguration"));
    // One id per proof: a sentinel just deleted may still be in force for a moment, and must not
    // answer for the next proof's ConfigMap.
    String id = "policyprobe-sentinel-" + UUID.randomUUID().toString().substring(0, 8);
    if (policies) {
      prove("ValidatingAdmissionPolicy bindings", id + "-vap", validatingPolicy(id + "-vap"),
          validatingPolicyBinding(id + "-vap"));
    }
    // MutatingAdmissionPolicy is beta in 1.34 and off by default: use the version the user did.
    changed.stream()
        .filter(d -> d.getKind().equals("MutatingAdmissionPolicyBinding"))
        .map(GenericKubernetesResource::getApiVersion)
        .findFirst()
        .ifPresent(apiVersion -> prove("MutatingAdmissionPolicy bindings", id + "-map",
            mutatingPolicy(apiVersion, id + "-map"), mutatingPolicyBinding(apiVersion, id + "-map")));
    if (validatingWebhooks) {
      prove("ValidatingWebhookConfigurations", id + "-vwh",
          webhook("ValidatingWebhookConfiguration", id + "-vwh"));
    }
    if (mutatingWebhooks) {
      prove("MutatingWebhookConfigurations", id + "-mwh",
          webhook("MutatingWebhookConfiguration", id + "-mwh"));
    }
  }

  private void prove(String what, String id, GenericKubernetesResource... sentinels) {
    List<GenericKubernetesResource> created = new ArrayList<>();
    try {
      for (GenericKubernetesResource sentinel : sentinels) {
        created.add(operation(sentinel).resource(sentinel).create());
      }
      BoundedWait.until(timeout, POLL, "the API server to load newly applied " + what,
          BoundedWait.toleratingFailures(() -> deniedBySentinel(id)));
    } finally {
      for (GenericKubernetesResource sentinel : created) {
        operation(sentinel).withName(sentinel.getMetadata().getName()).delete();
      }
    }
  }

  private boolean deniedBySentinel(String id) throws NotYet {
    try {
      var answer = withoutRetries.configMaps().inNamespace("default")
          .resource(new ConfigMapBuilder().withNewMetadata().withName(id).addToLabels(MARK, id)
              .endMetadata().build())
          .dryRun().create();
      if (id.equals(answer.getMetadata().getLabels().get(MUTATED_MARK))) {
        return true;
      }
    } catch (KubernetesClientException e) {
      if (String.valueOf(e.getMessage()).contains(id)) {
        return true;
      }
      throw new NotYet("a marked dry-run failed otherwise: " + e.getMessage(), e);
    }
    throw new NotYet("a marked dry-run ConfigMap was admitted");
  }

  private io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource,
      io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
      io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> operation(
      GenericKubernetesResource resource) {
    String version = resource.getApiVersion().substring(resource.getApiVersion().indexOf('/') + 1);
    return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
        .withGroup("admissionregistration.k8s.io").withVersion(version).withKind(resource.getKind())
        .withPlural(plural(resource.getKind())).withNamespaced(false).build());
  }

  private static String plural(String kind) {
    String lower = kind.toLowerCase();
    return lower.endsWith("policy") ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
  }

  private static GenericKubernetesResource validatingPolicy(String id) {
    return GenericResources.of(Map.of(
        "apiVersion", "admissionregistration.k8s.io/v1",
        "kind", "ValidatingAdmissionPolicy",
        "metadata", Map.of("name", id),
        "spec", Map.of(
            "failurePolicy", "Fail",
            "matchConstraints", Map.of("resourceRules", List.of(Map.of(
                "apiGroups", List.of(""), "apiVersions", List.of("v1"),
                "operations", List.of("CREATE"), "resources", List.of("configmaps")))),
            // Its binding selects only the marked ConfigMap, so it can deny whatever it sees.
            "validations", List.of(Map.of("expression", "false", "message", id + " is in force")))));
  }

  /** Labels the marked ConfigMap: the label in the dry-run's answer proves the policy loaded. */
  private static GenericKubernetesResource mutatingPolicy(String apiVersion, String id) {
    return GenericResources.of(Map.of(
        "apiVersion", apiVersion,
        "kind", "MutatingAdmissionPolicy",
        "metadata", Map.of("name", id),
        "spec", Map.of(
            "failurePolicy", "Fail",
            "reinvocationPolicy", "Never",
            "matchConstraints", Map.of("resourceRules", List.of(Map.of(
                "apiGroups", List.of(""), "apiVersions", List.of("v1"),
                "operations", List.of("CREATE"), "resources", List.of("configmaps")))),
            "mutations", List.of(Map.of(
                "patchType", "ApplyConfiguration",
                "applyConfiguration", Map.of("expression",
                    "Object{metadata: Object.metadata{labels: {'" + MUTATED_MARK + "': '" + id + "'}}}"))))));
  }

  private static GenericKubernetesResource mutatingPolicyBinding(String apiVersion, String id) {
    return GenericResources.of(Map.of(
        "apiVersion", apiVersion,
        "kind", "MutatingAdmissionPolicyBinding",
        "metadata", Map.of("name", id),
        "spec", Map.of("policyName", id, "matchResources", onlyMarked(id))));
  }

  private static GenericKubernetesResource validatingPolicyBinding(String id) {
    return GenericResources.of(Map.of(
        "apiVersion", "admissionregistration.k8s.io/v1",
        "kind", "ValidatingAdmissionPolicyBinding",
        "metadata", Map.of("name", id),
        "spec", Map.of("policyName", id, "validationActions", List.of("Deny"),
            "matchResources", onlyMarked(id))));
  }

  /**
   * Sentinels act only on the ConfigMap marked for them. They linger in the API server's caches
   * for a moment after deletion, and must not touch anyone else's requests meanwhile.
   */
  private static Map<String, Object> onlyMarked(String id) {
    return Map.of("objectSelector", Map.of("matchLabels", Map.of(MARK, id)));
  }

  /** A webhook on a port nothing listens on: calling it fails, and the failure names it. */
  private static GenericKubernetesResource webhook(String kind, String id) {
    return GenericResources.of(Map.of(
        "apiVersion", "admissionregistration.k8s.io/v1",
        "kind", kind,
        "metadata", Map.of("name", id),
        "webhooks", List.of(Map.of(
            "name", id + ".policyprobe.io",
            "clientConfig", Map.of("url", "https://127.0.0.1:1/" + id),
            "rules", List.of(Map.of(
                "apiGroups", List.of(""), "apiVersions", List.of("v1"),
                "operations", List.of("CREATE"), "resources", List.of("configmaps"))),
            "objectSelector", Map.of("matchLabels", Map.of(MARK, id)),
            "failurePolicy", "Fail",
            "sideEffects", "None",
            "timeoutSeconds", 1,
            "admissionReviewVersions", List.of("v1")))));
  }

}
