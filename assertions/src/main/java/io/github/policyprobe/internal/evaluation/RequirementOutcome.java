package io.github.policyprobe.internal.evaluation;

import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.Verdict;
import java.util.List;

/**
 * What happened to one requirement in one namespace: the verdict of its probe furthest from the
 * expectation (for several variants, the one that decided).
 *
 * @param id the requirement's id
 * @param why why it is needed (for a Pod Security control: what it forbids)
 * @param probe the deciding probe
 * @param verdict the deciding verdict
 * @param met whether every variant met the expectation
 * @param shortfall why it did not, in a few words; empty when met
 * @param results every probe the requirement sent, with its verdict, in send order
 */
public record RequirementOutcome(String id, String why, Probe probe, Verdict verdict, boolean met,
    String shortfall, List<ProbeResult> results) {

  public RequirementOutcome {
    results = List.copyOf(results);
  }

  /** An outcome decided by its only probe. */
  public RequirementOutcome(String id, String why, Probe probe, Verdict verdict, boolean met, String shortfall) {
    this(id, why, probe, verdict, met, shortfall, List.of(new ProbeResult(probe, verdict)));
  }
}
