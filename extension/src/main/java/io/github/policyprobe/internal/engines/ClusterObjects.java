package io.github.policyprobe.internal.engines;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.internal.inforce.CrdsEstablished;
import io.github.policyprobe.internal.wait.BoundedWait;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

  /**
   * Applies CRDs and waits until each is Established, so the engine's informers find them. Their
   * schemas go without descriptions: Kyverno's CRDs are 5.6 MB, two thirds of it field
   * documentation, and the API server's work per CRD (decoding, managed fields, OpenAPI) grows
   * with size. Descriptions validate nothing; 11 s -> 6 s for Kyverno's CRDs in hand runs.
   */
  void applyCrds(List<GenericKubernetesResource> crds, Duration timeout) {
    crds.forEach(ClusterObjects::dropSchemaDescriptions);
    apply(crds);
    List<String> names = crds.stream().map(crd -> crd.getMetadata().getName()).toList();
    BoundedWait.until(timeout, engine + "'s " + names.size() + " CRDs to be Established",
        CrdsEstablished.check(client, names));
  }

  @SuppressWarnings("unchecked")
  static void dropSchemaDescriptions(GenericKubernetesResource crd) {
    if (crd.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
        && spec.get("versions") instanceof List<?> versions) {
      for (Object version : versions) {
        if (version instanceof Map<?, ?> v && v.get("schema") instanceof Map<?, ?> schema) {
          dropDescriptions(schema.get("openAPIV3Schema"));
        }
      }
    }
  }

  /**
   * Removes the description of a JSON schema and of the schemas nested in it, walking only the
   * keywords that hold schemas: a "description" inside a default, an example or an enum is data.
   */
  @SuppressWarnings("unchecked")
  private static void dropDescriptions(Object schema) {
    if (!(schema instanceof Map<?, ?> map)) {
      if (schema instanceof List<?> list) {
        list.forEach(ClusterObjects::dropDescriptions);
      }
      return;
    }
    Map<String, Object> node = (Map<String, Object>) map;
    if (node.get("description") instanceof String) {
      node.remove("description");
    }
    for (String byName : List.of("properties", "patternProperties", "definitions")) {
      if (node.get(byName) instanceof Map<?, ?> named) {
        named.values().forEach(ClusterObjects::dropDescriptions);
      }
    }
    for (String nested : List.of("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf")) {
      dropDescriptions(node.get(nested));
    }
  }

  static String describe(GenericKubernetesResource object) {
    String namespace = object.getMetadata().getNamespace();
    return object.getKind() + " " + (namespace == null ? "" : namespace + "/")
        + object.getMetadata().getName();
  }
}
