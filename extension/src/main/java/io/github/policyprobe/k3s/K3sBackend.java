package io.github.policyprobe.k3s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.policyprobe.cluster.ClusterBackend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.cluster.StartedCluster;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Boots k3s in Docker (Testcontainers' K3sContainer) with the spec's AdmissionConfiguration and
 * kube-apiserver flags, then installs the spec's engines from their official manifests.
 */
public final class K3sBackend implements ClusterBackend {
  private static final Logger LOG = LoggerFactory.getLogger(K3sBackend.class);
  /** k3s usually boots in 20 to 40 s; a shorter readyTimeout is not allowed to cut that off. */
  private static final Duration MIN_BOOT_TIMEOUT = Duration.ofMinutes(2);
  private static final int LOG_LINES_IN_ERRORS = 40;

  @Override
  public StartedCluster start(ClusterSpec spec) {
    // The user's files first: a missing AdmissionConfiguration is worth saying even without Docker.
    K3sCommand command = K3sCommand.from(spec);
    DockerAvailability.Answer docker = DockerAvailability.check();
    if (!docker.answers()) {
      throw new ClusterStartException("the K3S backend needs a Docker engine; none answered: "
          + docker.reason() + ". Use @PolicyCluster(backend = LOCAL), or AUTO to fall back to it.");
    }
    long started = System.nanoTime();
    K3sContainer container = newContainer(spec, command);
    ContainerLogTail log = new ContainerLogTail(LOG_LINES_IN_ERRORS);
    container.withLogConsumer(log);
    LOG.info("k3s: starting {} with {}", spec.k3sImage(), command.extraArgs());
    try {
      container.start();
    } catch (RuntimeException e) {
      stopQuietly(container);
      throw new ClusterStartException("k3s (" + spec.k3sImage() + ") did not start with "
          + command.extraArgs() + ": " + e.getMessage() + "\nLast lines of its log:\n" + log.text(), e);
    }
    LOG.info("k3s: API server ready in {} ms", (System.nanoTime() - started) / 1_000_000);
    K3sCluster cluster = new K3sCluster(container);
    try {
      installEngines(spec, cluster);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private static K3sContainer newContainer(ClusterSpec spec, K3sCommand command) {
    // Mirrors of rancher/k3s (a registry proxy) are fine: the image only has to be a k3s.
    DockerImageName image = DockerImageName.parse(spec.k3sImage()).asCompatibleSubstituteFor("rancher/k3s");
    K3sContainer container = new K3sContainer(image);
    container.setCommand(command.appendTo(container.getCommandParts()));
    for (ContainerFile file : command.filesToCopy()) {
      container.withCopyToContainer(Transferable.of(file.content(), 0644), file.containerPath());
    }
    container.withStartupTimeout(max(spec.readyTimeout(), MIN_BOOT_TIMEOUT));
    return container;
  }

  private static void installEngines(ClusterSpec spec, K3sCluster cluster) {
    if (spec.engines().isEmpty()) {
      return;
    }
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(cluster.kubeconfigYaml()))
        .build()) {
      new K3sEngineInstaller(client, spec.readyTimeout()).install(spec.engines());
    }
  }

  private static void stopQuietly(K3sContainer container) {
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
