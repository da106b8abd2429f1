package io.github.policyprobe.engines;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.inforce.CrdsEstablished;
import io.github.policyprobe.wait.BoundedWait;
import java.time.Duration;
import java.util.List;

/** Server-side applies an engine's own objects and waits for its CRDs, before the engine starts. */
final class ClusterObjects {
  private static final String FIELD_MANAGER = "policyprobe-engines";

  private final KubernetesClient client;
  private final String engine;

  ClusterObjects(KubernetesClient client, String engine) {
    this.client = client;
    this.engine = engine;
  }

  /** Server-side apply: Kyverno's CRDs are too large for the last-applied annotation. */
  void apply(List<GenericKubernetesResource> objects) {
    for (GenericKubernetesResource object : objects) {
      try {
        client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      } catch (KubernetesClientException e) {
        throw new IllegalStateException(engine + ": the API server rejected " + describe(object)
            + " (HTTP " + e.getCode() + "): " + e.getMessage(), e);
      }
    }
  }

  /** Applies CRDs and waits until each is Established, so the engine's informers find them. */
  void applyCrds(List<GenericKubernetesResource> crds, Duration timeout) {
    apply(crds);
    List<String> names = crds.stream().map(crd -> crd.getMetadata().getName()).toList();
    BoundedWait.until(timeout, engine + "'s " + names.size() + " CRDs to be Established",
        CrdsEstablished.check(client, names));
  }

  static String describe(GenericKubernetesResource object) {
    String namespace = object.getMetadata().getNamespace();
    return object.getKind() + " " + (namespace == null ? "" : namespace + "/")
        + object.getMetadata().getName();
  }
}
