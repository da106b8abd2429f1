package io.github.policyprobe.internal.spi;

import io.github.policyprobe.cluster.Backend;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a backend hands back once its API server answers: a way in, and a way to stop it. */
public interface StartedCluster extends AutoCloseable {

  /** A kubeconfig with admin credentials for this cluster. */
  String kubeconfigYaml();

  /** The backend that actually started (never AUTO). */
  Backend backend();

  /**
   * What of this cluster's own processes has died, with its exit code and last error line; empty
   * while everything runs (always, for clusters policyprobe did not start).
   */
  default Optional<String> whatDied() {
    return Optional.empty();
  }

  /**
   * The API server's own log, oldest line first, where this backend can read it; empty for
   * clusters policyprobe did not start. It names causes no API answer carries, such as why a
   * webhook failed open.
   */
  default List<String> apiServerLog() {
    return List.of();
  }

  /**
   * The processes this backend started for the cluster and that still run, by name (etcd,
   * kube-apiserver, kyverno, ...); empty where policyprobe started none (k3s runs in a container,
   * an existing cluster runs elsewhere).
   */
  default Map<String, ProcessHandle> processes() {
    return Map.of();
  }

  /**
   * Returns once the API server has also seeded its bootstrap data (RBAC roles, system
   * PriorityClasses), which a backend may still be doing when it hands the cluster over.
   */
  default void awaitBootstrapped() {}

  /** False once the cluster's own processes died; a shared cluster is then booted again. */
  default boolean isHealthy() {
    return whatDied().isEmpty();
  }

  /** Stops whatever the backend started; idempotent, never throws. */
  @Override
  void close();
}
