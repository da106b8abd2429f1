package io.github.policyprobe.profile;

import java.util.List;

/**
 * The privileged products platform teams run beside their hardening, each derived from what its
 * pinned upstream chart renders (chart, version and values at the top of each manifest file):
 *
 * <pre>
 * assertThat(cluster).permits(Profiles.velero().withNodeAgent().installedIn("velero"));
 * assertThat(cluster).permits(Profiles.longhorn().installedIn("longhorn-system"));
 * assertThat(cluster).permits(Profiles.nodeExporter().installedIn("monitoring"));
 * assertThat(cluster).permits(Profiles.cilium().installedIn("kube-system"));
 * </pre>
 *
 * Kasten K10 has its own entry point with more options: {@link K10Profile}.
 */
public final class Profiles {
  private Profiles() {}

  /** Velero (chart velero 12.1.0): the server; add the node-agent with {@code withNodeAgent()}. */
  public static VeleroProfile velero() {
    return new VeleroProfile(false);
  }

  /**
   * Longhorn (chart longhorn 1.12.1): what the chart renders, and the workloads longhorn-manager
   * creates at run time (instance managers, engine images, share managers, the CSI plugin and its
   * sidecars), written from its source.
   */
  public static ShippedProfile longhorn() {
    return new ShippedProfile("longhorn", List.of("longhorn-1.12.1.yaml", "longhorn-1.12.1-runtime.yaml"));
  }

  /** Prometheus node-exporter (chart prometheus-node-exporter 4.56.1). */
  public static ShippedProfile nodeExporter() {
    return new ShippedProfile("prometheus-node-exporter", List.of("prometheus-node-exporter-4.56.1.yaml"));
  }

  /**
   * Cilium (chart cilium 1.20.2): the agent, Envoy and operator, default mode;
   * {@code inPrivilegedMode()} for the other.
   */
  public static CiliumProfile cilium() {
    return new CiliumProfile(false);
  }
}
