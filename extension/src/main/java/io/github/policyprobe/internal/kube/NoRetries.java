package io.github.policyprobe.internal.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;

/**
 * A view of a client that sends each request once. Proofs that poll send marked dry-runs whose
 * expected answer may be an HTTP 500 ("failed calling webhook"), which fabric8 would retry for
 * about 19 s before reporting it; a poll asks again anyway.
 */
public final class NoRetries {
  private NoRetries() {}

  /** {@code client}'s connection and credentials, without request retries; not to be closed. */
  public static KubernetesClient of(KubernetesClient client) {
    return client.newClient(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
        .withRequestRetryBackoffLimit(0).build()).adapt(KubernetesClient.class);
  }
}
