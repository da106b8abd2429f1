package io.github.policyprobe.internal.k3s;

import com.github.dockerjava.api.exception.DockerException;
import java.util.ArrayList;
import java.util.List;

/**
 * The innermost message of an exception chain. Testcontainers wraps Docker's answer ("unable to
 * apply caps", "no such host") in generic layers ("Container startup failed for image ..."), and
 * the user needs Docker's words first.
 */
final class RootCause {
  private RootCause() {}

  /** The deepest cause's message, with its type when the message alone would be empty. */
  static String describe(Throwable e) {
    Throwable root = e;
    List<Throwable> seen = new ArrayList<>();
    while (root.getCause() != null && !seen.contains(root.getCause())) {
      seen.add(root);
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
  }

  /**
   * Whether the Docker engine itself said no (creating or starting the container failed), as
   * opposed to a container that ran and exited, or a wait that timed out.
   */
  static boolean isDockerRefusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DockerException) {
        return true;
      }
    }
    return false;
  }
}
