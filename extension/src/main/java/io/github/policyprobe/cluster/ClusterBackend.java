package io.github.policyprobe.cluster;

/** Boots (or finds) a cluster for a spec. One implementation per {@link Backend}. */
public interface ClusterBackend {

  /**
   * Starts a cluster whose API server answers and whose admission configuration is in force.
   * Manifests are not applied here: every backend shares the same applier.
   *
   * @throws ClusterStartException naming what failed, with the processes' own log where there is one
   */
  StartedCluster start(ClusterSpec spec);
}
