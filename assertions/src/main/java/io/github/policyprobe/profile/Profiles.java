package io.github.policyprobe.profile;

import java.util.List;

/**
 * The privileged products platform teams run beside their hardening, each as its upstream chart
 * renders it (chart and version in every profile row):
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

  /** Longhorn (chart longhorn 1.12.1): the manager and the CSI plugin it deploys. */
  public static ShippedProfile longhorn() {
    return new ShippedProfile("longhorn", List.of("longhorn-manager.yaml", "longhorn-csi-plugin.yaml"));
  }

  /** Prometheus node-exporter (chart prometheus-node-exporter 4.56.1). */
  public static ShippedProfile nodeExporter() {
    return new ShippedProfile("prometheus-node-exporter", List.of("node-exporter.yaml"));
  }

  /** Cilium's agent (chart cilium 1.19.6), default mode; {@code inPrivilegedMode()} for the other. */
  public static CiliumProfile cilium() {
    return new CiliumProfile(false);
  }
}
