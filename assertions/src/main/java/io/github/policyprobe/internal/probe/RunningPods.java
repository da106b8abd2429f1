package io.github.policyprobe.internal.probe;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The Pods that exec, attach, debug and update probes act on: created for real (an operation on a
 * Pod cannot be a dry-run of a Pod that does not exist), by policyprobe's own credentials, never
 * run (no node runs anything here; on a real cluster the pause image idles), and deleted as soon
 * as the probe has its answer.
 */
final class RunningPods {
  private final KubernetesClient client;

  RunningPods(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Creates {@code probe}'s Pod in its namespace.
   *
   * @throws IllegalStateException when the cluster refuses it, naming the operation and why
   */
  Pod create(Probe probe) {
    Pod pod = (Pod) probe.object();
    Pod copy = client.getKubernetesSerialization().clone(pod);
    copy.getMetadata().setNamespace(probe.namespace());
    try {
      return client.resource(copy).create();
    } catch (KubernetesClientException e) {
      throw new IllegalStateException("could not create the Pod that " + probe.operation().describe()
          + " acts on (" + e.getStatus().getMessage() + "), so there is nothing to decide on", e);
    }
  }

  void delete(Pod pod) {
    try {
      client.resource(pod).withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      // already gone with its namespace; nothing is left behind
    }
  }
}
