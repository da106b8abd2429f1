package io.github.policyprobe.internal.manifests;

import java.util.Map;

/** What to tell a user whose manifest names a kind the cluster does not serve. */
final class KindHints {
  private static final Map<String, String> BY_GROUP = Map.of(
      "kyverno.io", " Kyverno's CRDs are not installed: add engines = KYVERNO to @PolicyCluster,"
          + " add Kyverno's install manifest, or use a cluster where Kyverno runs.",
      "policies.kyverno.io", " Kyverno's CRDs are not installed: add engines = KYVERNO to"
          + " @PolicyCluster, or use a cluster where Kyverno runs.",
      "templates.gatekeeper.sh", " Gatekeeper's CRDs are not installed: add engines = GATEKEEPER"
          + " to @PolicyCluster, or use a cluster where Gatekeeper runs.",
      "constraints.gatekeeper.sh", " Gatekeeper constraints need Gatekeeper and their"
          + " ConstraintTemplate in the same manifests.",
      "admissionregistration.k8s.io", " Check the apiVersion: this Kubernetes version may serve"
          + " the kind only at another version, or only behind a feature gate (apiServerArgs).");

  private KindHints() {}

  static String forGroup(String group) {
    return BY_GROUP.getOrDefault(group, group.isEmpty() ? " Check the kind's spelling."
        : " Is the CRD for group " + group + " part of the manifests (or installed in the cluster)?");
  }
}
