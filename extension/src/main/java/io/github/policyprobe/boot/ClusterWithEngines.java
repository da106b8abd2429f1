package io.github.policyprobe.boot;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.StartedCluster;
import io.github.policyprobe.engines.RunningEngines;
import java.util.List;
import java.util.Optional;

/**
 * A local control plane with webhook engines next to it. The engines stop first: a stopped
 * Kyverno leaves webhooks behind that fail closed, and the API server should not outlive them
 * only to answer with errors.
 */
public final class ClusterWithEngines implements StartedCluster {
  private final StartedCluster cluster;
  private final RunningEngines engines;

  ClusterWithEngines(StartedCluster cluster, RunningEngines engines) {
    this.cluster = cluster;
    this.engines = engines;
  }

  @Override
  public String kubeconfigYaml() {
    return cluster.kubeconfigYaml();
  }

  @Override
  public Backend backend() {
    return cluster.backend();
  }

  @Override
  public void awaitBootstrapped() {
    cluster.awaitBootstrapped();
  }

  @Override
  public Optional<String> whatDied() {
    return cluster.whatDied().or(() -> engines.allAlive() ? Optional.empty()
        : Optional.of("a policy engine process exited: " + engines.engines().stream()
            .filter(engine -> !engine.process().isAlive()).map(engine -> engine.name())
            .toList()));
  }

  @Override
  public List<String> apiServerLog() {
    return cluster.apiServerLog();
  }

  public StartedCluster cluster() {
    return cluster;
  }

  public RunningEngines engines() {
    return engines;
  }

  @Override
  public void close() {
    try {
      engines.close();
    } finally {
      cluster.close();
    }
  }
}
