package io.github.policyprobe.enforcement;

import java.util.Collection;
import java.util.List;

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
