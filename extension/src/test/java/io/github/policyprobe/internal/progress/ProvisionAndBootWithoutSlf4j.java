package io.github.policyprobe.internal.progress;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.internal.local.KubeBinaries;
import io.github.policyprobe.internal.process.BundledScript;
import java.util.List;
import java.util.Map;

/**
 * The main class of a child JVM started without any SLF4J provider: it runs the provisioning
 * script (which finds the cached binaries) and boots and stops a local control plane, as a
 * user's first test would.
 */
public final class ProvisionAndBootWithoutSlf4j {
  private ProvisionAndBootWithoutSlf4j() {}

  public static void main(String[] args) {
    BundledScript.run(KubeBinaries.class, "kube-binaries.sh", List.of(), Map.of(), "the control plane binaries");
    try (RunningCluster cluster = Clusters.start(ClusterSpec.defaults().withBackend(Backend.LOCAL))) {
      System.out.println("booted " + cluster.serverVersion());
    }
  }
}
