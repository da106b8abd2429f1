package io.github.policyprobe.profile;

import java.util.List;

/**
 * Velero as chart velero 12.1.0 renders it: the server Deployment, and with
 * {@code deployNodeAgent: true} the node-agent DaemonSet (file system backups, data mover).
 * Immutable.
 */
public final class VeleroProfile {
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

  public RequirementProfile installedIn(String namespace) {
    return shipped().installedIn(namespace);
  }

  @Override
  public String toString() {
    return "VeleroProfile[" + (nodeAgent ? "server and node-agent" : "server") + "]";
  }
}
