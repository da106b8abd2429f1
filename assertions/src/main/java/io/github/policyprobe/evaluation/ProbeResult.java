package io.github.policyprobe.evaluation;

import io.github.policyprobe.probe.Probe;
import io.github.policyprobe.probe.Verdict;

/** One probe and what happened to it. */
public record ProbeResult(Probe probe, Verdict verdict) {}
