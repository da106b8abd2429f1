package io.github.policyprobe.internal.manifests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.policyprobe.internal.inforce.NamespaceEpochs;
import io.github.policyprobe.internal.kube.GenericResources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Warn-only twin for each ValidatingAdmissionPolicyBinding that denies. Where several policies
 * deny one request, kube-apiserver names only the first it found, and its order changes from
 * reload to reload; every Warn binding that fails, though, comes back as a warning. With a twin
 * beside each Deny binding, a denied probe's warnings name every policy that denies it, so its
 * verdict can name them all, in a stable order. Twins are applied and removed with their binding,
 * carry {@code app.kubernetes.io/managed-by=policyprobe}, and their name starts with
 * {@link #PREFIX} (which is how a verdict tells their warnings from the team's own).
 */
public final class WarnTwins {
  /** The twin of binding {@code b} is named {@code PREFIX + b}. */
  public static final String PREFIX = "policyprobe-warn-";
  private static final String KIND = "ValidatingAdmissionPolicyBinding";

  private WarnTwins() {}

  /** The twin of {@code document}, when it is a ValidatingAdmissionPolicyBinding with Deny. */
  static Optional<GenericKubernetesResource> of(ManifestDocument document) {
    if (!isBinding(document)) {
      return Optional.empty();
    }
    Object spec = document.resource().getAdditionalProperties().get("spec");
    if (!(spec instanceof Map<?, ?> bindingSpec) || !(bindingSpec.get("validationActions") instanceof List<?> actions)
        || !actions.contains("Deny")) {
      return Optional.empty();
    }
    Map<Object, Object> twinSpec = new HashMap<>(bindingSpec);
    twinSpec.put("validationActions", List.of("Warn"));
    return Optional.of(GenericResources.of(Map.of(
        "apiVersion", document.apiVersion(),
        "kind", KIND,
        "metadata", Map.of("name", nameOf(document.name()),
            "labels", Map.of(NamespaceEpochs.MANAGED_BY, "policyprobe")),
        "spec", twinSpec)));
  }

  static boolean isBinding(ManifestDocument document) {
    return document.kind().equals(KIND) && document.group().equals("admissionregistration.k8s.io");
  }

  static String nameOf(String binding) {
    return PREFIX + binding;
  }
}
