package io.github.policyprobe.internal.manifests;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which kinds the cluster serves, asked once per group version and forgotten on demand. */
final class ApiDiscovery {
  private final KubernetesClient client;
  private final Map<String, Optional<APIResourceList>> byGroupVersion = new ConcurrentHashMap<>();

  ApiDiscovery(KubernetesClient client) {
    this.client = client;
  }

  Optional<ResourceDefinitionContext> find(String apiVersion, String kind) {
    return byGroupVersion.computeIfAbsent(apiVersion, this::fetch)
        .flatMap(list -> list.getResources().stream()
            .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
            .findFirst())
        .map((APIResource r) -> ResourceDefinitionContext.fromApiResource(apiVersion, r));
  }

  /** Forget what was learned, after CRDs were added. */
  void refresh() {
    byGroupVersion.clear();
  }

  private Optional<APIResourceList> fetch(String apiVersion) {
    try {
      return Optional.ofNullable(client.getApiResources(apiVersion));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
