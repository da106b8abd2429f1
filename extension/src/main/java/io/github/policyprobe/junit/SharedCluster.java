package io.github.policyprobe.junit;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.boot.Clusters;

/**
 * One cluster per distinct spec for the whole test run, kept in JUnit's root store, which closes
 * it when the run ends. Boots on first use; boots again if its processes died (a later test
 * class then gets a fresh cluster instead of a dead one).
 */
final class SharedCluster implements AutoCloseable {
  private final ClusterSpec spec;
  private Cluster cluster;
  private RuntimeException failure;

  SharedCluster(ClusterSpec spec) {
    this.spec = spec;
  }

  synchronized Cluster get() {
    if (failure != null) {
      throw failure; // one failed boot per spec: the classes after it fail fast with the cause
    }
    if (cluster != null && !cluster.isHealthy()) {
      cluster.close();
      cluster = null;
    }
    if (cluster == null) {
      try {
        cluster = Clusters.start(spec);
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return cluster;
  }

  @Override
  public synchronized void close() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }
}
