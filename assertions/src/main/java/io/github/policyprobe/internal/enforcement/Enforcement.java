package io.github.policyprobe.internal.enforcement;

import io.github.policyprobe.internal.probe.Attribution;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.Verdict;
import java.util.Collection;
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
   * What the cluster's configuration adds to a verdict: that Pod Security skipped the probe (its
   * sender or runtime class is exempt), or that Kyverno ignores a PolicyException because this
   * install has exceptions off. Empty when nothing applies (or nothing tells).
   */
  default Optional<String> note(Probe probe, Verdict verdict) {
    return Optional.empty();
  }

  /**
   * Who mutated {@code verdict}'s object, where the object itself does not say: the
   * MutatingAdmissionPolicies that match the probe. Empty when the verdict names its mutator already.
   */
  default Optional<Attribution> mutator(Probe probe, Verdict verdict) {
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
