package io.github.policyprobe.internal.k3s;

import io.github.policyprobe.internal.spi.BackendRefusedException;

/**
 * k3s cannot run here, for a reason of the machine rather than the spec: the preflight failed, or
 * the Docker engine refused to create or start the container (privileged mode refused, an image
 * that is no k3s). AUTO falls back to the local control plane on it; k3s exiting on the user's
 * configuration is not this exception.
 */
public final class K3sRefusedException extends BackendRefusedException {
  K3sRefusedException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
