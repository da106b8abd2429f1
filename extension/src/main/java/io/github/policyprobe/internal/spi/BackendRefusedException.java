package io.github.policyprobe.internal.spi;

import io.github.policyprobe.cluster.ClusterStartException;

/**
 * The machine refused a backend before anything of it ran (a Docker engine that cannot run
 * privileged containers, say). Under AUTO this is one more reason for the next backend, not a
 * failure; a backend that ran and then failed throws {@link ClusterStartException} instead.
 */
public class BackendRefusedException extends ClusterStartException {
  private final String reason;

  /**
   * @param reason one line for AUTO's log, such as "the Docker engine refused ..."
   * @param message the whole story for a user who asked for this backend explicitly
   */
  public BackendRefusedException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
