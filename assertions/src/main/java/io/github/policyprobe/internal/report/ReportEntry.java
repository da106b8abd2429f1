package io.github.policyprobe.internal.report;

import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import java.time.Instant;

/**
 * One assertion's result, as the report shows it.
 *
 * @param test the test it ran in, such as {@code HardeningTest.k10StillWorks}; may be empty
 * @param outcome what every probe did
 * @param at when it finished
 */
public record ReportEntry(String test, ProfileOutcome outcome, Instant at) {}
