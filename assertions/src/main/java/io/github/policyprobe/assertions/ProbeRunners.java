package io.github.policyprobe.assertions;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.probe.ProbeRunner;
import java.util.Map;
import java.util.WeakHashMap;

/** One probe runner per cluster, on the cluster's shared client: no client per assertion. */
final class ProbeRunners {
  private static final Map<Cluster, ProbeRunner> RUNNERS = new WeakHashMap<>();

  private ProbeRunners() {}

  static ProbeRunner of(Cluster cluster) {
    synchronized (RUNNERS) {
      return RUNNERS.computeIfAbsent(cluster, c -> new ProbeRunner(c.client()));
    }
  }
}
