package io.github.policyprobe.tools;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.local.LocalControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A developer's tool: starts a local control plane, writes its kubeconfig to the path given as
 * the first argument (for kubectl), and stops it when standard input closes (Ctrl-D).
 * Further arguments are passed to kube-apiserver.
 */
public final class LocalClusterShell {
  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args.length > 0 ? args[0] : "target/local.kubeconfig");
    ClusterSpec spec = ClusterSpec.defaults().withBackend(Backend.LOCAL)
        .withApiServerArgs(List.of(args).subList(Math.min(1, args.length), args.length));
    try (var cluster = new LocalControlPlane().start(spec)) {
      Files.writeString(kubeconfig, cluster.kubeconfigYaml());
      System.out.println("ready: KUBECONFIG=" + kubeconfig.toAbsolutePath());
      while (System.in.read() != -1) {
        // wait for end of input
      }
    }
  }
}
