package io.github.policyprobe.cluster;

/** What a backend hands back once its API server answers: a way in, and a way to stop it. */
public interface StartedCluster extends AutoCloseable {

  /** A kubeconfig with admin credentials for this cluster. */
  String kubeconfigYaml();

  /** The backend that actually started (never AUTO). */
  Backend backend();

  /** False once the cluster's own processes died; a shared cluster is then booted again. */
  default boolean isHealthy() {
    return true;
  }

  /** Stops whatever the backend started; idempotent, never throws. */
  @Override
  void close();
}
