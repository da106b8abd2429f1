package io.github.policyprobe.internal.engines;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.inforce.EngineReadiness;
import io.github.policyprobe.internal.local.LocalCluster;
import io.github.policyprobe.internal.local.LocalControlPlane;
import io.github.policyprobe.internal.manifests.AppliedManifests;
import io.github.policyprobe.internal.manifests.ManifestApplier;
import io.github.policyprobe.internal.manifests.ManifestLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local control plane with engines started next to it, for the engine tests (until
 * {@code @PolicyCluster(backend = LOCAL, engines = ...)} starts them itself).
 */
final class EngineTestCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineTestCluster.class);
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  final LocalCluster cluster;
  final RunningEngines engines;
  final KubernetesClient client;
  final WarningRecorder warnings = new WarningRecorder();
  final KubernetesClient warningClient;

  private EngineTestCluster(LocalCluster cluster, RunningEngines engines) {
    this.cluster = cluster;
    this.engines = engines;
    this.client = newClient(null);
    this.warningClient = newClient(warnings);
  }

  static EngineTestCluster start(Engine... engines) {
    LocalCluster cluster = new LocalControlPlane().start(
        ClusterSpec.defaults().withBackend(Backend.LOCAL).withReadyTimeout(TIMEOUT));
    try {
      return new EngineTestCluster(cluster, EngineLauncher.start(Set.of(engines), cluster.engineHost(), TIMEOUT, Map.of()));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  RunningEngine engine() {
    return engines.engines().get(0);
  }

  /** Applies a test resource folder or file with the shared applier, then awaits the engines. */
  List<GenericKubernetesResource> applyAndAwait(String location) {
    AppliedManifests applied = new ManifestApplier(client, TIMEOUT)
        .apply(new ManifestLoader().load(List.of(location)));
    long start = System.nanoTime();
    new EngineReadiness(client, TIMEOUT).awaitInForce(applied.resources());
    LOG.info("{}: engine objects proven in force {} ms after they were applied", location,
        (System.nanoTime() - start) / 1_000_000);
    return applied.resources();
  }

  void createNamespaces(String... names) {
    for (String name : names) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .serverSideApply();
      new ManifestApplier(client, TIMEOUT).awaitDefaultServiceAccount(name);
    }
  }

  private KubernetesClient newClient(WarningRecorder recorder) {
    KubernetesClientBuilder builder =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(cluster.kubeconfigYaml()));
    if (recorder != null) {
      builder.withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("warnings", recorder));
    }
    return builder.build();
  }

  @Override
  public void close() {
    try {
      warningClient.close();
      client.close();
      engines.close();
    } finally {
      cluster.close();
    }
  }
}
