package io.github.policyprobe.assertions;

import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.internal.evaluation.RequirementOutcome;
import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.Verdict;
import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;

/**
 * What {@code denies(object).in(namespace)} found, for saying more about the denial: its
 * message, and the engine and policy that made it.
 */
public final class DeniedAssert extends AbstractAssert<DeniedAssert, Verdict> {
  private final ClusterAssert cluster;
  private final String what;

  DeniedAssert(ClusterAssert cluster, ProfileOutcome outcome) {
    super(deciding(outcome).verdict(), DeniedAssert.class);
    this.cluster = cluster;
    // A description given to the cluster's assertion, as(...), names this one's failures too.
    info.description(cluster.getWritableAssertionInfo().description());
    RequirementOutcome deciding = deciding(outcome);
    this.what = deciding.id() + " (" + deciding.probe().describe() + ") in "
        + outcome.namespaces().get(0).namespace();
  }

  public DeniedAssert withMessageContaining(String text) {
    if (notDenied("to be denied saying \"" + text + "\"")) {
      return myself;
    }
    if (!actual.message().contains(text)) {
      failWithMessage("Expecting the denial of %s to say%n  \"%s\"%nbut it said%n  \"%s\"%n(%s)",
          what, text, actual.message(), actual.describe());
    }
    return myself;
  }

  /** Denied by this engine, such as {@link Engine#POD_SECURITY}. */
  public DeniedAssert by(Engine engine) {
    if (notDenied("to be denied by " + engine.displayName())) {
      return myself;
    }
    if (actual.attribution().engine() != engine) {
      failWithMessage("Expecting %s to be denied by %s, but it was denied by %s: %s",
          what, engine.displayName(), actual.attribution().describe(), actual.message());
    }
    return myself;
  }

  /**
   * Denied by this policy: a ValidatingAdmissionPolicy, Kyverno policy, Gatekeeper constraint,
   * webhook, or PodSecurity level:version such as {@code restricted:latest}.
   */
  public DeniedAssert by(String policy) {
    if (notDenied("to be denied by policy '" + policy + "'")) {
      return myself;
    }
    String named = actual.attribution().policy();
    if (!named.equals(policy) && !Arrays.asList(named.split(", ")).contains(policy)) {
      failWithMessage("Expecting %s to be denied by policy '%s', but it was denied by %s: %s",
          what, policy, actual.attribution().describe(), actual.message());
    }
    return myself;
  }

  public DeniedAssert by(Engine engine, String policy) {
    return by(engine).by(policy);
  }

  /**
   * Soft assertions go on past a failed {@code denies(...)}: say plainly that there was no
   * denial to examine, rather than blame an engine or message that decided nothing.
   */
  private boolean notDenied(String expected) {
    if (actual.decision() == Decision.DENIED) {
      return false;
    }
    failWithMessage("Expecting %s %s, but it was not denied: %s", what, expected, actual.describe());
    return true;
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
