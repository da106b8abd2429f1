package io.github.policyprobe.internal.evaluation;

import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.Verdict;
import io.github.policyprobe.profile.NamespacePlan;
import java.util.List;
import java.util.Optional;

/**
 * Everything learnt about one namespace.
 *
 * @param plan the namespace and its requirements
 * @param neutral the verdict on the neutral template alone; absent when the probes are the
 *     user's own objects
 * @param policing whether anything stops a pod that breaks the baseline level every way, and
 *     why not; present when the assertion expects admission
 * @param requirements one outcome per requirement, in plan order
 */
public record NamespaceOutcome(
    NamespacePlan plan, Optional<Verdict> neutral, Optional<Policing> policing, List<RequirementOutcome> requirements) {

  public NamespaceOutcome {
    requirements = List.copyOf(requirements);
  }

  public String namespace() {
    return plan.namespace();
  }

  /**
   * Whether the neutral template itself did not pass unchanged: then no requirement can be
   * judged, and the template (or the namespace) is what needs attention.
   */
  public boolean neutralBlocked() {
    return neutral.map(v -> v.decision() == Decision.DENIED || v.decision() == Decision.MUTATED
        || v.decision() == Decision.ERROR).orElse(false);
  }

  /**
   * Whether even a pod breaking the baseline level every way was admitted, as a Pod and as a
   * Deployment: information (the namespace may be meant to be open), not a failure by itself.
   */
  public boolean unpoliced() {
    return policing.map(Policing::unpoliced).orElse(false);
  }

  public List<RequirementOutcome> failed() {
    return requirements.stream().filter(r -> !r.met()).toList();
  }

  /** Such as {@code 3 of 10 requirements denied, 1 mutated in kasten-io}. */
  public String summary(Expectation expectation) {
    int total = requirements.size();
    if (neutralBlocked()) {
      Decision decision = neutral.orElseThrow().decision();
      return (decision == Decision.ERROR ? "no decision on the neutral template"
          : "the neutral template was " + decision.name().toLowerCase()) + " in " + namespace()
          + ", so none of its " + total + " " + noun(total) + " could be judged";
    }
    List<RequirementOutcome> failed = failed();
    String policing = unpoliced() ? "; nothing polices " + namespace() : "";
    if (failed.isEmpty()) {
      return "all " + total + " " + noun(total) + " " + (expectation == Expectation.ADMITTED
          ? "admitted" : "denied") + " in " + namespace() + policing;
    }
    StringBuilder text = new StringBuilder();
    for (Decision decision : Decision.values()) {
      long count = failed.stream().filter(r -> r.verdict().decision() == decision).count();
      if (count > 0) {
        text.append(text.length() == 0 ? count + " of " + total + " " + noun(total) + " " : ", " + count + " ")
            .append(word(decision, expectation));
      }
    }
    return text.append(" in ").append(namespace()).append(policing).toString();
  }

  private static String noun(int total) {
    return total == 1 ? "requirement" : "requirements";
  }

  private static String word(Decision decision, Expectation expectation) {
    return switch (decision) {
      case ADMITTED -> "admitted";
      case DENIED -> expectation == Expectation.DENIED ? "denied only by API-server validation" : "denied";
      case MUTATED -> "mutated";
      case WARNED -> "only warned";
      case ERROR -> "without a decision";
    };
  }
}
