package io.github.policyprobe.internal.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the namespace controller does once a deleted namespace is empty: drops its
 * {@code kubernetes} finalizer, so that it goes away. Needed where no controller runs (the local
 * control plane).
 */
public final class NamespaceFinalizer {
  private NamespaceFinalizer() {}

  /**
   * Finalizes {@code namespace}, which must have been deleted already.
   *
   * @return why it could not be finalized; empty when it was (or is gone, or was finalized meanwhile)
   */
  public static Optional<String> finalize(KubernetesClient client, Namespace namespace) {
    namespace.getSpec().setFinalizers(List.of());
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder()
        .uri(client.getMasterUrl().toString().replaceAll("/+$", "") + "/api/v1/namespaces/"
            + namespace.getMetadata().getName() + "/finalize")
        .timeout(10, TimeUnit.SECONDS)
        .put("application/json", client.getKubernetesSerialization().asJson(namespace))
        .build();
    try {
      HttpResponse<String> response = http.sendAsync(request, String.class).get(15, TimeUnit.SECONDS);
      if (response.code() >= 300 && response.code() != 404 && response.code() != 409) {
        return Optional.of("finalizing it answered HTTP " + response.code() + ": " + response.body());
      }
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while finalizing it");
    } catch (ExecutionException | TimeoutException e) {
      return Optional.of("finalizing it failed: " + e.getMessage());
    }
  }
}
