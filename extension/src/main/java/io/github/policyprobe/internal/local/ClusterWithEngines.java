package io.github.policyprobe.internal.local;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.internal.engines.RunningEngine;
import io.github.policyprobe.internal.engines.RunningEngines;
import io.github.policyprobe.internal.spi.StartedCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local control plane with webhook engines next to it. The engines stop first: a stopped
 * Kyverno leaves webhooks behind that fail closed, and the API server should not outlive them
 * only to answer with errors.
 */
final class ClusterWithEngines implements StartedCluster {
  private final LocalCluster cluster;
  private final RunningEngines engines;

  ClusterWithEngines(LocalCluster cluster, RunningEngines engines) {
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
            .filter(engine -> !engine.process().isAlive()).map(RunningEngine::name)
            .toList()));
  }

  @Override
  public List<String> apiServerLog() {
    return cluster.apiServerLog();
  }

  @Override
  public Map<String, ProcessHandle> processes() {
    Map<String, ProcessHandle> processes = new LinkedHashMap<>(cluster.processes());
    for (RunningEngine engine : engines.engines()) {
      engine.process().handle().ifPresent(handle -> processes.put(engine.process().name(), handle));
    }
    return processes;
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
