package io.github.policyprobe.enforcement;

import java.util.Collection;
import io.github.policyprobe.probe.Probe;
import java.util.List;
import java.util.Optional;

/**
 * What the cluster tells beyond the probes' own verdicts: whether any admission check failed open
 * while they ran, and why a namespace admits a pod that breaks the baseline level.
 */
public interface Enforcement {
  /** Nothing beyond the verdicts (for evaluations without a cluster). */
  Enforcement NONE = new Enforcement() {
    @Override
    public Watch watch() {
      return namespaces -> EnforcementReport.NOT_WATCHED;
    }

    @Override
    public List<String> whyUnpoliced(String namespace) {
      return List.of();
    }
  };

  /**
   * Why Pod Security would not check this probe at all, from the cluster's AdmissionConfiguration:
   * its sender, namespace or runtime class is exempt. Empty when it is checked (or nothing tells).
   */
  default Optional<String> podSecurityExemption(Probe probe) {
    return Optional.empty();
  }

  /** Starts watching; call before the probes are sent. */
  Watch watch();

  /** The reasons that can be read cheaply from the cluster's configuration, most telling first. */
  List<String> whyUnpoliced(String namespace);

  /** A watch over one batch of probes. */
  @FunctionalInterface
  interface Watch {
    /** What failed open since the watch started, among checks that apply to these namespaces. */
    EnforcementReport stop(Collection<String> namespaces);
  }
}
