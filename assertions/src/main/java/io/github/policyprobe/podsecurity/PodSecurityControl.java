package io.github.policyprobe.podsecurity;

import io.github.policyprobe.probe.ProbeVariant;
import io.github.policyprobe.profile.Placement;
import io.github.policyprobe.profile.Requirement;
import java.util.List;

/**
 * One Pod Security Standards control and the probes that violate it: each the neutral template
 * plus exactly one violation. A policy set that enforces the level must deny every one.
 *
 * @param id a short name, such as {@code host-namespaces}
 * @param level the lowest level that forbids it
 * @param forbids what the control forbids, in one line
 * @param violations one probe per way to violate it (hostNetwork, hostPID, hostIPC, ...)
 */
public record PodSecurityControl(
    String id, PodSecurityLevel level, String forbids, List<ProbeVariant> violations) {

  public PodSecurityControl {
    violations = List.copyOf(violations);
  }

  /** This control as a requirement whose probes are expected to be denied. */
  public Requirement asRequirement() {
    return new Requirement(id, level.label() + ": " + forbids, Placement.ALL_NAMESPACES, violations);
  }
}
