package io.github.policyprobe.junit;

import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.cluster.Clusters;

/**
 * What decides which pool of clusters a spec draws from: its processes, with AUTO resolved (an
 * AUTO class and a LOCAL class share the local control plane), no manifests, no readyTimeout.
 */
final class PoolKeys {
  private PoolKeys() {}

  static ClusterSpec of(ClusterSpec spec) {
    return spec.processes().withBackend(Clusters.choose(spec).backend());
  }
}
