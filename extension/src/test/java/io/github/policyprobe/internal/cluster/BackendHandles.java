package io.github.policyprobe.internal.cluster;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.spi.StartedCluster;

/** For this module's tests: the backend's handle behind a cluster, which the facade keeps to itself. */
public final class BackendHandles {
  private BackendHandles() {}

  public static StartedCluster of(Cluster cluster) {
    return RunningCluster.of(cluster).started();
  }
}
