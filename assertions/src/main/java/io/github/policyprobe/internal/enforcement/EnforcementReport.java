package io.github.policyprobe.internal.enforcement;

import java.util.List;
import java.util.Optional;

/**
 * Whether enforcement held while an assertion's probes ran.
 *
 * @param failedOpen the checks that admitted without deciding (failurePolicy Ignore)
 * @param detectionOff why fail-open detection could not run, when it could not
 */
public record EnforcementReport(List<FailOpen> failedOpen, Optional<String> detectionOff) {
  public static final EnforcementReport NOT_WATCHED = new EnforcementReport(List.of(), Optional.empty());

  public EnforcementReport {
    failedOpen = List.copyOf(failedOpen);
  }

  public boolean broken() {
    return !failedOpen.isEmpty();
  }
}
