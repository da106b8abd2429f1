package io.github.policyprobe.internal.k3s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.progress.ProgressLog;
import io.github.policyprobe.internal.spi.ClusterBackend;
import io.github.policyprobe.internal.spi.StartedCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Boots k3s in Docker (Testcontainers' K3sContainer) with the spec's AdmissionConfiguration and
 * kube-apiserver flags, then installs the spec's engines from their official manifests.
 *
 * <p>Everything that can be checked before a container exists is checked first, so a failure
 * names its real cause: the user's files, the image choice, then Docker, Ryuk and the image
 * ({@link K3sPreflight}). The container is built inside the error handling: its constructor
 * already talks to Docker.
 */
public final class K3sBackend implements ClusterBackend {
  private static final Logger LOG = ProgressLog.of(K3sBackend.class);
  /** k3s usually boots in 20 to 40 s; a shorter readyTimeout is not allowed to cut that off. */
  private static final Duration MIN_BOOT_TIMEOUT = Duration.ofMinutes(2);
  /** The line K3sContainer waits for; the wait is ours so that an exit is noticed at once. */
  private static final String READY_LINE = ".*Node controller sync successful.*";
  private static final int LOG_LINES_IN_ERRORS = 40;
  /**
   * Images the Docker engine refused to run in this JVM, with the reason: AUTO does not ask
   * Docker again for the rest of the run.
   */
  private static final Map<String, String> REFUSED = new ConcurrentHashMap<>();

  @Override
  public Backend backend() {
    return Backend.K3S;
  }

  /** Docker answers, Ryuk can run or is off, the image is present or pullable, and none refused. */
  @Override
  public Optional<String> unavailableFor(ClusterSpec spec) {
    String image = K3sImage.of(spec);
    return Optional.ofNullable(REFUSED.get(image))
        .or(() -> K3sPreflight.check(image).cause().map(cause -> "k3s cannot start here: " + cause));
  }

  @Override
  public StartedCluster start(ClusterSpec spec) {
    try {
      return startOrRefuse(spec);
    } catch (K3sRefusedException e) {
      REFUSED.put(K3sImage.of(spec), e.reason());
      throw e;
    }
  }

  private StartedCluster startOrRefuse(ClusterSpec spec) {
    K3sCommand command = K3sCommand.from(spec);
    String image = K3sImage.of(spec);
    K3sPreflight.Outcome preflight = K3sPreflight.check(image);
    if (!preflight.ready()) {
      throw new K3sRefusedException(preflight.cause().orElseThrow(), "k3s cannot start here: "
          + preflight.cause().orElseThrow() + ".\n" + K3sPreflight.remedies(image), null);
    }
    long started = System.nanoTime();
    ContainerLogTail log = new ContainerLogTail(LOG_LINES_IN_ERRORS);
    K3sContainer container = null;
    LOG.info("k3s: starting {} with {}", image, command.extraArgs());
    try {
      container = newContainer(image, command, spec.readyTimeout());
      container.withLogConsumer(log);
      container.start();
    } catch (RuntimeException e) {
      String tail = container == null ? "" : "\nLast lines of its log:\n" + lastLines(e, log);
      stopQuietly(container);
      String message = "k3s (" + image + ") did not start: " + RootCause.describe(e)
          + "\n(started with " + command.extraArgs() + "; Testcontainers said: " + e.getMessage() + ")"
          + tail + "\nk3s runs in a privileged container: a Docker engine that refuses privileged mode"
          + " (\"unable to apply caps\", rootless or restricted runtimes) cannot run it.\n"
          + K3sPreflight.remedies(image);
      if (RootCause.isDockerRefusal(e)) {
        throw new K3sRefusedException("the Docker engine refused the k3s container (" + image + "): "
            + RootCause.describe(e).lines().findFirst().orElse(""), message, e);
      }
      throw new ClusterStartException(message, e);
    }
    LOG.info("k3s: API server ready in {} ms", (System.nanoTime() - started) / 1_000_000);
    K3sCluster cluster = new K3sCluster(container, container.getKubeConfigYaml());
    try {
      installEngines(spec, cluster);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private static K3sContainer newContainer(String image, K3sCommand command, Duration readyTimeout) {
    // Mirrors of rancher/k3s (a registry proxy) are fine: the image only has to be a k3s.
    K3sContainer container = new K3sContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("rancher/k3s"));
    container.setCommand(command.appendTo(container.getCommandParts()));
    for (ContainerFile file : command.filesToCopy()) {
      container.withCopyToContainer(Transferable.of(file.content(), 0644), file.containerPath());
    }
    container.withStartupCheckStrategy(new ExitReportedByTheWait());
    container.waitingFor(new StopWaitingOnExit(Wait.forLogMessage(READY_LINE, 1)));
    container.withStartupTimeout(max(readyTimeout, MIN_BOOT_TIMEOUT));
    return container;
  }

  private static void installEngines(ClusterSpec spec, K3sCluster cluster) {
    if (spec.engines().isEmpty()) {
      return;
    }
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(cluster.kubeconfigYaml()))
        .build()) {
      new K3sEngineInstaller(client, K3sEngineInstaller.boundFor(spec.readyTimeout())).install(spec.engines(), spec.engineValues());
    }
  }

  /**
   * The container's last lines: those it printed before it exited, read by the wait when it saw
   * the exit (complete even where the followed output lagged), else the followed output.
   */
  static String lastLines(Throwable failure, ContainerLogTail followed) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StopWaitingOnExit.Exited exited && !exited.logs().isBlank()) {
        ContainerLogTail tail = new ContainerLogTail(LOG_LINES_IN_ERRORS);
        tail.accept(new OutputFrame(OutputFrame.OutputType.STDOUT, exited.logs().getBytes(StandardCharsets.UTF_8)));
        return tail.text();
      }
    }
    return followed.text();
  }

  private static void stopQuietly(K3sContainer container) {
    if (container == null) {
      return;
    }
    try {
      container.stop();
    } catch (RuntimeException e) {
      LOG.warn("Stopping the k3s container after a failed start failed too", e);
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
