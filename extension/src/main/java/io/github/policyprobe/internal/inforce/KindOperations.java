package io.github.policyprobe.internal.inforce;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.policyprobe.internal.wait.BoundedWait;
import java.util.Objects;

/**
 * Operations on the kind of a generic object, found by asking the API server every time: the
 * kinds policyprobe handles here (a constraint's CRD above all) may have appeared a moment ago.
 */
final class KindOperations {
  private KindOperations() {}

  /**
   * The operations for {@code object}'s kind, in its namespace ("default" if it names none) when
   * the kind is namespaced.
   *
   * @throws BoundedWait.NotYet when the API server does not serve the kind (yet)
   */
  static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> of(KubernetesClient client, GenericKubernetesResource object)
      throws BoundedWait.NotYet {
    APIResource served = served(client, object.getApiVersion(), object.getKind());
    String apiVersion = object.getApiVersion();
    int slash = apiVersion.indexOf('/');
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
        .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
        .withVersion(apiVersion.substring(slash + 1))
        .withKind(object.getKind())
        .withPlural(served.getName())
        .withNamespaced(Boolean.TRUE.equals(served.getNamespaced()))
        .build();
    var operation = client.genericKubernetesResources(context);
    if (!context.isNamespaceScoped()) {
      return operation;
    }
    return operation.inNamespace(
        Objects.requireNonNullElse(object.getMetadata().getNamespace(), "default"));
  }

  private static APIResource served(KubernetesClient client, String apiVersion, String kind)
      throws BoundedWait.NotYet {
    APIResourceList resources;
    try {
      resources = client.getApiResources(apiVersion);
    } catch (RuntimeException e) {
      throw new BoundedWait.NotYet("the API server does not serve " + apiVersion + " yet ("
          + e.getMessage() + ")");
    }
    if (resources != null) {
      for (APIResource resource : resources.getResources()) {
        if (kind.equals(resource.getKind()) && !resource.getName().contains("/")) {
          return resource;
        }
      }
    }
    throw new BoundedWait.NotYet("the API server does not serve kind " + kind + " in " + apiVersion + " yet");
  }
}
