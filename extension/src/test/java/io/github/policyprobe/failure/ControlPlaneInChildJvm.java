package io.github.policyprobe.failure;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.local.LocalControlPlane;

/**
 * The main class of a child JVM that boots a local control plane and never closes it, so that a
 * test can end this JVM the hard way and look for leftovers. It prints what the test must look
 * for, one {@code key=value} a line, then "ready".
 *
 * <p>Argument {@code wait}: block until killed (or until the parent closes our standard input,
 * so a crashed test leaves no JVM behind). Argument {@code exit}: {@code System.exit(0)} at once,
 * leaving the cleanup to shutdown hooks.
 */
public final class ControlPlaneInChildJvm {
  private ControlPlaneInChildJvm() {}

  public static void main(String[] args) throws Exception {
    var cluster = new LocalControlPlane().start(ClusterSpec.defaults().withBackend(Backend.LOCAL));
    System.out.println("scratch=" + cluster.scratchFolder());
    System.out.println("etcd=" + cluster.etcdProcess().pid().orElseThrow());
    System.out.println("apiserver=" + cluster.apiServerProcess().pid().orElseThrow());
    System.out.println("ready");
    System.out.flush();
    if (args.length > 0 && args[0].equals("exit")) {
      System.exit(0);
    }
    while (System.in.read() >= 0) {
      // the parent holds our stdin open for as long as it wants us alive
    }
    System.exit(1);
  }
}
