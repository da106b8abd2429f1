package io.github.policyprobe.internal.manifests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What has been applied to a cluster, in order. */
public record AppliedManifests(List<ManifestDocument> documents) {
  public static final AppliedManifests NONE = new AppliedManifests(List.of());

  /** API groups whose objects decide admission. */
  private static final Set<String> POLICY_GROUPS = Set.of(
      "admissionregistration.k8s.io", "kyverno.io", "constraints.gatekeeper.sh",
      "templates.gatekeeper.sh", "mutations.gatekeeper.sh");

  public AppliedManifests {
    documents = List.copyOf(documents);
  }

  public List<GenericKubernetesResource> resources() {
    return documents.stream().map(ManifestDocument::resource).toList();
  }

  /**
   * Whether anything applied decides admission: an admission policy or webhook, a Kyverno or
   * Gatekeeper object, or a namespace with Pod Security labels.
   */
  public boolean containsPolicies() {
    return documents.stream().anyMatch(AppliedManifests::isPolicy);
  }

  static boolean isPolicy(ManifestDocument document) {
    if (POLICY_GROUPS.contains(document.group())) {
      return true;
    }
    var labels = document.resource().getMetadata().getLabels();
    return document.kind().equals("Namespace") && labels != null
        && labels.keySet().stream().anyMatch(k -> k.startsWith("pod-security.kubernetes.io/"));
  }

  public AppliedManifests plus(AppliedManifests more) {
    List<ManifestDocument> all = new ArrayList<>(documents);
    all.addAll(more.documents);
    return new AppliedManifests(all);
  }
}
