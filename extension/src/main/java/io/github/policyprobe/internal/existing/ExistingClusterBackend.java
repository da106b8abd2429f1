package io.github.policyprobe.internal.existing;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.spi.ClusterBackend;
import io.github.policyprobe.internal.spi.StartedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A cluster that runs already (staging EKS, GKE, OpenShift, k3s): nothing boots or stops, and its
 * engines are those it runs.
 */
public final class ExistingClusterBackend implements ClusterBackend {

  @Override
  public Backend backend() {
    return Backend.EXISTING;
  }

  @Override
  public StartedCluster start(ClusterSpec spec) {
    Path path = Paths.get(spec.existingKubeconfig().orElseThrow(() -> new ClusterStartException(
        "the EXISTING backend needs -Dpolicyprobe.kubeconfig=<path> or POLICYPROBE_KUBECONFIG")));
    String kubeconfig;
    try {
      kubeconfig = Files.readString(path);
    } catch (IOException e) {
      throw new ClusterStartException("cannot read the kubeconfig " + path.toAbsolutePath()
          + " named by policyprobe.kubeconfig: " + e.getMessage(), e);
    }
    return new StartedCluster() {
      @Override
      public String kubeconfigYaml() {
        return kubeconfig;
      }

      @Override
      public Backend backend() {
        return Backend.EXISTING;
      }

      @Override
      public void close() {}
    };
  }
}
