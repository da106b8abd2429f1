package io.github.policyprobe.internal.k3s;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.internal.spi.StartedCluster;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A running k3s container; closing it stops and removes the container. A container that stopped
 * (killed, out of memory, removed by hand) makes the cluster unhealthy, so a shared cluster is
 * booted again for the next test class instead of failing every later probe obscurely.
 */
final class K3sCluster implements StartedCluster {
  private static final Logger LOG = LoggerFactory.getLogger(K3sCluster.class);

  private final GenericContainer<?> container;
  private final String kubeconfigYaml;
  private static final long RUNNING_ANSWER_VALID_NANOS = 1_000_000_000L;

  private final AtomicBoolean closed = new AtomicBoolean();
  private Optional<String> death = Optional.empty();
  private long lastSeenRunning = System.nanoTime() - RUNNING_ANSWER_VALID_NANOS;

  K3sCluster(GenericContainer<?> container, String kubeconfigYaml) {
    this.container = container;
    this.kubeconfigYaml = kubeconfigYaml;
  }

  @Override
  public String kubeconfigYaml() {
    return kubeconfigYaml;
  }

  @Override
  public Backend backend() {
    return Backend.K3S;
  }

  /**
   * Asks Docker for the container's state. It is asked before every request the cluster's client
   * sends, so a "running" answer is trusted for {@link #RUNNING_ANSWER_VALID_NANOS}; a death is final.
   */
  @Override
  public synchronized Optional<String> whatDied() {
    if (closed.get()) {
      return Optional.of("the k3s container was stopped");
    }
    if (death.isPresent() || System.nanoTime() - lastSeenRunning < RUNNING_ANSWER_VALID_NANOS) {
      return death;
    }
    death = askDocker();
    if (death.isEmpty()) {
      lastSeenRunning = System.nanoTime();
    }
    return death;
  }

  private Optional<String> askDocker() {
    String id = container.getContainerId();
    InspectContainerResponse.ContainerState state;
    try {
      state = container.getDockerClient().inspectContainerCmd(id).exec().getState();
    } catch (NotFoundException e) {
      return Optional.of("the k3s container " + shortId(id) + " no longer exists");
    } catch (RuntimeException e) {
      return Optional.empty(); // Docker did not answer this time: no verdict, ask again later
    }
    if (Boolean.TRUE.equals(state.getRunning())) {
      return Optional.empty();
    }
    return Optional.of("the k3s container " + shortId(id) + " is not running (" + state.getStatus()
        + ", exit code " + state.getExitCodeLong()
        + (Boolean.TRUE.equals(state.getOOMKilled()) ? ", killed: out of memory" : "") + ")");
  }

  private static String shortId(String id) {
    return id == null ? "(none)" : id.substring(0, Math.min(12, id.length()));
  }

  /** k3s runs kube-apiserver in its own process, so the container's log is the API server's too. */
  @Override
  public List<String> apiServerLog() {
    try {
      return container.getLogs().lines().toList();
    } catch (RuntimeException e) {
      LOG.debug("no log from the k3s container {}: {}", container.getContainerId(), e.getMessage());
      return List.of();
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        container.stop();
      } catch (RuntimeException e) {
        LOG.warn("Stopping the k3s container {} failed", container.getContainerId(), e);
      }
    }
  }

  @Override
  public String toString() {
    return "K3sCluster[" + container.getDockerImageName() + "]";
  }
}
