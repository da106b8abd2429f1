package io.github.policyprobe.internal.evaluation;

import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.Verdict;

/** One probe and what happened to it. */
public record ProbeResult(Probe probe, Verdict verdict) {}
