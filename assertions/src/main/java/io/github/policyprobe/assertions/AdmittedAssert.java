package io.github.policyprobe.assertions;

import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.internal.evaluation.RequirementOutcome;
import io.github.policyprobe.internal.probe.Verdict;
import org.assertj.core.api.AbstractAssert;

/** What {@code admits(object).in(namespace)} found, for saying more about the admission. */
public final class AdmittedAssert extends AbstractAssert<AdmittedAssert, Verdict> {
  private final ClusterAssert cluster;
  private final String what;

  AdmittedAssert(ClusterAssert cluster, ProfileOutcome outcome) {
    super(deciding(outcome).verdict(), AdmittedAssert.class);
    this.cluster = cluster;
    // A description given to the cluster's assertion, as(...), names this one's failures too.
    info.description(cluster.getWritableAssertionInfo().description());
    RequirementOutcome deciding = deciding(outcome);
    this.what = deciding.id() + " (" + deciding.probe().describe() + ") in "
        + outcome.namespaces().get(0).namespace();
  }

  /** Admitted without any warning: nothing in warn or audit mode objects to it either. */
  public AdmittedAssert withoutWarnings() {
    if (!actual.warnings().isEmpty()) {
      failWithMessage("Expecting %s to be admitted without warnings, but it drew:%n  %s",
          what, String.join(System.lineSeparator() + "  ", actual.warnings()));
    }
    return myself;
  }

  public AdmittedAssert withWarningContaining(String text) {
    if (actual.warnings().stream().noneMatch(w -> w.contains(text))) {
      failWithMessage("Expecting %s to draw a warning containing%n  \"%s\"%nbut its warnings were %s",
          what, text, actual.warnings());
    }
    return myself;
  }

  /** Collected instead of thrown when the chain started from {@link PolicySoftAssertions}. */
  @Override
  protected void failWithMessage(String errorMessage, Object... arguments) {
    try {
      super.failWithMessage(errorMessage, arguments);
    } catch (AssertionError e) {
      SoftClusterAssert.collectOrThrow(cluster, e);
    }
  }

  /** Back to the cluster, for more checks. */
  public ClusterAssert and() {
    return cluster;
  }

  private static RequirementOutcome deciding(ProfileOutcome outcome) {
    return outcome.namespaces().get(0).requirements().get(0);
  }
}
