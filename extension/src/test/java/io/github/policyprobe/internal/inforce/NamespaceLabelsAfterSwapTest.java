package io.github.policyprobe.internal.inforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.support.Pods;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two specs declare namespace {@code shop} with different labels and the same policies, which
 * select namespaces by label; swapping between them deletes {@code shop} and creates it again. Each
 * admission path that reads namespace labels must judge every probe by the labels of the spec now
 * in force, on every swap: the verdict flips each time. Without the namespace-epoch proof a probe
 * sent right after a swap could be judged by the deleted namespace's labels (a false pass).
 */
class NamespaceLabelsAfterSwapTest {
  private static final int SWAPS = 10;
  private static final String NAMESPACE = "shop";

  /**
   * Pod Security, a binding's and a webhook's namespaceSelector, each with specs of its own: a spec
   * with only namespaces, or only webhooks, swaps in a few milliseconds (no policy reload to wait
   * for), which leaves a lagging namespace cache the least time to catch up.
   */
  @Test
  void podSecurityBindingsAndWebhooksJudgeByTheCurrentLabelsOnEverySwap() {
    ClusterSpec empty = ClusterSpec.defaults().withBackend(Backend.LOCAL);
    try (RunningCluster cluster = Clusters.start(empty)) {
      flip(cluster, empty, "psa", "psa-restricted", "psa-privileged", "violates PodSecurity");
      flip(cluster, empty, "webhook", "webhook-labelled", "webhook-unlabelled", "tier-app.namespace-labels");
      flip(cluster, empty, "vap", "vap-labelled", "vap-unlabelled", "tier-app-vap");
    }
  }

  private static void flip(RunningCluster cluster, ClusterSpec base, String path, String selecting, String notSelecting,
      String deniedBy) {
    ClusterSpec labelled = base.withManifests(List.of("namespace-labels/" + selecting + "/"));
    ClusterSpec unlabelled = base.withManifests(List.of("namespace-labels/" + notSelecting + "/"));
    for (int swap = 0; swap < SWAPS; swap++) {
      RunningCluster.of(cluster).swapTo(labelled);
      expect(cluster, swap, true, Map.of(path, deniedBy));
      RunningCluster.of(cluster).swapTo(unlabelled);
      expect(cluster, swap, false, Map.of(path, deniedBy));
    }
  }

  @Test
  void kyvernoAndGatekeeperSelectorsJudgeByTheCurrentLabelsOnEverySwap() {
    ClusterSpec labelled = ClusterSpec.defaults().withBackend(Backend.LOCAL)
        .withEngines(Set.of(Engine.KYVERNO, Engine.GATEKEEPER))
        .withManifests(List.of("namespace-labels/engines-labelled/"));
    ClusterSpec unlabelled = labelled.withManifests(List.of("namespace-labels/engines-unlabelled/"));
    try (RunningCluster cluster = Clusters.start(labelled)) {
      for (int swap = 0; swap < SWAPS; swap++) {
        RunningCluster.of(cluster).swapTo(unlabelled);
        expect(cluster, swap, false, Map.of("kyverno", "tier-app-kyverno", "gatekeeper", "tier-app-gatekeeper"));
        RunningCluster.of(cluster).swapTo(labelled);
        expect(cluster, swap, true, Map.of("kyverno", "tier-app-kyverno", "gatekeeper", "tier-app-gatekeeper"));
      }
    }
  }

  /** A failed webhook call is an HTTP 500, which the shared client would retry for about 19 s. */
  private static KubernetesClient withoutRetries(Cluster cluster) {
    KubernetesClient client = cluster.client();
    return client.newClient(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
        .withRequestRetryBackoffLimit(0).build()).adapt(KubernetesClient.class);
  }

  /**
   * Sends one probe per path, labelled {@code probe=<path>}: denied (its refusal naming the path's
   * policy) where {@code selected}, admitted elsewhere.
   */
  private static void expect(Cluster cluster, int swap, boolean selected, Map<String, String> deniedBy) {
    for (var path : deniedBy.entrySet()) {
      Pod pod = Pods.restrictedWithCapability("probe-" + path.getKey(), path.getKey().equals("psa") ? "CHOWN" : null);
      pod.getMetadata().setLabels(Map.of("probe", path.getKey()));
      Throwable refusal = catchThrowable(() ->
          withoutRetries(cluster).pods().inNamespace(NAMESPACE).resource(pod).dryRun().create());
      String when = "swap " + (swap + 1) + ", shop " + (selected ? "selected" : "not selected") + ", path "
          + path.getKey();
      if (selected) {
        assertThat(refusal).as(when).isInstanceOf(KubernetesClientException.class)
            .hasMessageContaining(path.getValue());
      } else {
        assertThat(refusal).as(when).isNull();
      }
    }
  }
}
