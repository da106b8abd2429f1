package io.github.policyprobe.profile;

import io.github.policyprobe.probe.Operations;
import java.util.List;

/**
 * Velero as chart velero 12.1.0 renders it: the server Deployment, and with
 * {@code deployNodeAgent: true} the node-agent DaemonSet (file system backups, data mover).
 * Immutable.
 */
public final class VeleroProfile {
  /** The server's service account in chart velero 12.1.0 ({@code velero.serverServiceAccount}). */
  static final String SERVER_SERVICE_ACCOUNT = "velero-server";
  private final boolean nodeAgent;

  VeleroProfile(boolean nodeAgent) {
    this.nodeAgent = nodeAgent;
  }

  /** The node-agent DaemonSet is deployed too (chart value deployNodeAgent: true). */
  public VeleroProfile withNodeAgent() {
    return new VeleroProfile(true);
  }

  /** Whether the node-agent is part of it. */
  public boolean nodeAgent() {
    return nodeAgent;
  }

  public ShippedProfile shipped() {
    return new ShippedProfile("velero", List.of(nodeAgent ? "velero-12.1.0-node-agent.yaml" : "velero-12.1.0.yaml"));
  }

  /**
   * The requirements in {@code namespace}: what the chart renders, and the exec of backup hooks
   * in the application namespaces named with {@code protecting(...)} on the result.
   */
  public RequirementProfile installedIn(String namespace) {
    RequirementProfile derived = shipped().installedIn(namespace);
    List<Requirement> all = new java.util.ArrayList<>(derived.requirements());
    all.add(backupHooks());
    return RequirementProfile.builder(derived.name()).installedIn(namespace).requirements(all)
        .notes(derived.notes()).rbac(derived.rbac()).build();
  }

  /**
   * Velero runs a backup's pre and post hooks in the pods it backs up, by exec, as its server's
   * service account (velero docs, "Backup Hooks": annotations pre.hook.backup.velero.io/command,
   * on the pod's first container by default; the command here is their example's).
   */
  static Requirement backupHooks() {
    return Requirement.builder("backup-hooks-exec")
        .why("Velero runs backup hooks in the pods it backs up with exec, as its server's service account "
            + SERVER_SERVICE_ACCOUNT)
        .where(Placement.APPLICATION_NAMESPACES)
        .sentBy(Sender.productServiceAccount(SERVER_SERVICE_ACCOUNT))
        .operation(Operations.exec("/sbin/fsfreeze", "--freeze", "/var/log/nginx"))
        .build();
  }

  @Override
  public String toString() {
    return "VeleroProfile[" + (nodeAgent ? "server and node-agent" : "server") + "]";
  }
}
