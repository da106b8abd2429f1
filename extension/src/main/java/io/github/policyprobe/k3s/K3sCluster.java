package io.github.policyprobe.k3s;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.StartedCluster;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.k3s.K3sContainer;

/** A running k3s container; closing it stops and removes the container. */
final class K3sCluster implements StartedCluster {
  private static final Logger LOG = LoggerFactory.getLogger(K3sCluster.class);

  private final K3sContainer container;
  private final String kubeconfigYaml;
  private final AtomicBoolean closed = new AtomicBoolean();

  K3sCluster(K3sContainer container) {
    this.container = container;
    this.kubeconfigYaml = container.getKubeConfigYaml();
  }

  @Override
  public String kubeconfigYaml() {
    return kubeconfigYaml;
  }

  @Override
  public Backend backend() {
    return Backend.K3S;
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
