package io.github.policyprobe.internal.local;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.engines.EngineLauncher;
import io.github.policyprobe.internal.spi.ClusterBackend;
import io.github.policyprobe.internal.spi.StartedCluster;

/**
 * The LOCAL backend: a {@link LocalControlPlane}, and the spec's engines as processes beside it,
 * started before any manifest is applied.
 */
public final class LocalBackend implements ClusterBackend {

  @Override
  public Backend backend() {
    return Backend.LOCAL;
  }

  @Override
  public StartedCluster start(ClusterSpec spec) {
    LocalCluster cluster = new LocalControlPlane().start(spec);
    if (spec.engines().isEmpty()) {
      return cluster;
    }
    try {
      return new ClusterWithEngines(cluster,
          EngineLauncher.start(spec.engines(), cluster.engineHost(), spec.readyTimeout(), spec.engineValues()));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }
}
