package io.github.policyprobe.internal.k3s;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;

/**
 * Leaves noticing an exit to {@link StopWaitingOnExit}. Testcontainers' default is-it-running check
 * reports a container that exited at once only as "Container did not start correctly.", without
 * its exit code or log, and then removes it; the wait reports both.
 */
final class ExitReportedByTheWait extends StartupCheckStrategy {

  @Override
  public StartupStatus checkStartupState(DockerClient docker, String containerId) {
    return StartupStatus.SUCCESSFUL;
  }
}
