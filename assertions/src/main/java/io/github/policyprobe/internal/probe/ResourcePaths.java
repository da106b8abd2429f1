package io.github.policyprobe.internal.probe;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where to POST an object: {@code /api/v1/namespaces/ns/pods} and the like. Typed model classes
 * know their plural; other kinds are looked up once in the API server's discovery.
 */
final class ResourcePaths {
  private final KubernetesClient client;
  private final Map<String, APIResource> discovered = new ConcurrentHashMap<>();

  ResourcePaths(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Where to send an object.
   *
   * @param path the collection path, without query
   * @param namespaced whether the kind lives in namespaces (else the namespace is ignored)
   */
  record Target(String path, boolean namespaced) {}

  /** The collection for {@code object} in {@code namespace}. */
  Target collection(HasMetadata object, String namespace) {
    String apiVersion = object.getApiVersion() != null
        ? object.getApiVersion() : HasMetadata.getApiVersion(object.getClass());
    String plural;
    boolean namespaced;
    if (object instanceof GenericKubernetesResource) {
      APIResource resource = discover(apiVersion, object.getKind());
      plural = resource.getName();
      namespaced = Boolean.TRUE.equals(resource.getNamespaced());
    } else {
      plural = HasMetadata.getPlural(object.getClass());
      namespaced = object instanceof Namespaced;
    }
    String root = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    return new Target(namespaced ? root + "/namespaces/" + namespace + "/" + plural : root + "/" + plural,
        namespaced);
  }

  private APIResource discover(String apiVersion, String kind) {
    return discovered.computeIfAbsent(apiVersion + "/" + kind, key -> {
      APIResourceList list;
      try {
        list = client.getApiResources(apiVersion);
      } catch (KubernetesClientException e) {
        list = null;
      }
      if (list == null) {
        throw new IllegalArgumentException(
            "The API server does not serve " + apiVersion + " (asked for kind " + kind + ")");
      }
      return list.getResources().stream()
          .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(
              "The API server serves " + apiVersion + " but no kind " + kind + " in it"));
    });
  }
}
