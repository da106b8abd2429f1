package io.github.policyprobe.profile;

import java.util.List;

/**
 * Cilium as chart cilium 1.20.2 renders it (agent, Envoy and operator): by default each container
 * lists its capabilities and the SELinux type spc_t, and one init container is privileged; with
 * {@code securityContext.privileged: true} every agent container is privileged. Immutable.
 */
public final class CiliumProfile {
  private final boolean privileged;

  CiliumProfile(boolean privileged) {
    this.privileged = privileged;
  }

  /** The chart's privileged mode (value securityContext.privileged: true). */
  public CiliumProfile inPrivilegedMode() {
    return new CiliumProfile(true);
  }

  public boolean privileged() {
    return privileged;
  }

  public ShippedProfile shipped() {
    return new ShippedProfile("cilium",
        List.of(privileged ? "cilium-1.20.2-privileged.yaml" : "cilium-1.20.2.yaml"));
  }

  public RequirementProfile installedIn(String namespace) {
    return shipped().installedIn(namespace);
  }

  @Override
  public String toString() {
    return "CiliumProfile[" + (privileged ? "privileged mode" : "default mode") + "]";
  }
}
