package io.github.policyprobe.internal.spi;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import java.util.Optional;

/**
 * Boots (or finds) a cluster for a spec: one implementation per {@link Backend}, found through
 * {@link java.util.ServiceLoader}, so that the facade knows no backend by name. A backend owns
 * everything it starts, the spec's policy engines included.
 */
public interface ClusterBackend {

  /** The backend this implements (never AUTO). */
  Backend backend();

  /**
   * Why this backend cannot start {@code spec} on this machine, found cheaply before anything
   * starts; empty when it can. AUTO asks it to pick a backend, and says the reason when it passes
   * one over.
   */
  default Optional<String> unavailableFor(ClusterSpec spec) {
    return Optional.empty();
  }

  /**
   * Starts a cluster whose API server answers, whose admission configuration is in force and
   * whose engines decide. Manifests are not applied here: every backend shares the same applier.
   *
   * @throws BackendRefusedException when the machine refused before anything ran (AUTO then
   *     tries the next backend)
   * @throws io.github.policyprobe.cluster.ClusterStartException naming what failed, with the
   *     processes' own log where there is one
   */
  StartedCluster start(ClusterSpec spec);
}
