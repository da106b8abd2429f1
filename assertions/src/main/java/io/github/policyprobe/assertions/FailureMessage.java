package io.github.policyprobe.assertions;

import io.github.policyprobe.internal.evaluation.Expectation;
import io.github.policyprobe.internal.evaluation.NamespaceOutcome;
import io.github.policyprobe.internal.evaluation.Policing;
import io.github.policyprobe.internal.evaluation.ProfileCheck;
import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.internal.evaluation.RequirementOutcome;
import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.FieldChange;
import io.github.policyprobe.internal.probe.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The text of a failed assertion: every requirement in every namespace, one line each (pass or
 * fail, verdict, id, why), then for each failure what decided it (engine, policy, message),
 * mutated fields as requested -> returned, and warnings; a summary line ends it.
 */
final class FailureMessage {
  private static final String INDENT = "  ";

  private FailureMessage() {}

  public static String of(ProfileOutcome outcome, String reportLocation) {
    int idWidth = Math.max(18, outcome.namespaces().stream()
        .flatMap(ns -> ns.requirements().stream()).mapToInt(r -> r.id().length()).max().orElse(0) + 2);
    StringBuilder text = new StringBuilder();
    text.append(header(outcome)).append("\n");
    if (outcome.enforcement().broken()) {
      text.append("\nEnforcement was broken while the probes ran, so their verdicts do not show what the"
          + " policies decide:\n");
      outcome.enforcement().failedOpen()
          .forEach(failed -> text.append(INDENT).append("FAIL  ").append(oneLine(failed.describe())).append("\n"));
    }
    outcome.enforcement().detectionOff().ifPresent(off -> text.append("\nNote: ").append(off).append("\n"));
    for (NamespaceOutcome ns : outcome.namespaces()) {
      text.append("\n").append(namespaceHeading(ns, outcome.expectation())).append("\n");
      new Lines(text, idWidth).namespace(ns, outcome);
    }
    text.append("\nSummary: ").append(outcome.summary());
    if (reportLocation != null && !reportLocation.isEmpty()) {
      text.append("\nReport: ").append(reportLocation);
    }
    return text.toString();
  }

  private static String header(ProfileOutcome outcome) {
    return switch (outcome.expectation()) {
      case ADMITTED -> "Expecting the cluster's admission policies to admit " + outcome.subject()
          + " [" + outcome.assertion() + "], but they do not:";
      case DENIED -> "Expecting the cluster's admission policies to deny every probe of "
          + outcome.subject() + " [" + outcome.assertion() + "], but they do not:";
    };
  }

  private static String namespaceHeading(NamespaceOutcome ns, Expectation expectation) {
    String roles = ns.plan().describeRoles();
    return ns.namespace() + (roles.isEmpty() ? "" : " (" + roles + ")") + ": " + ns.summary(expectation);
  }

  /** Writes the lines of one namespace into a shared buffer, aligned on the id column. */
  private record Lines(StringBuilder text, int idWidth) {

    void namespace(NamespaceOutcome ns, ProfileOutcome outcome) {
      ns.neutral().ifPresent(neutral -> neutral(ns, neutral));
      ns.policing().ifPresent(policing -> policing(ns, policing, outcome.policedRequired()));
      if (ns.neutralBlocked()) {
        text.append(INDENT).append("      ").append(ns.requirements().size())
            .append(" requirements not judged here: each probe is the neutral template plus one"
                + " requirement, so each would fail for the same reason (their verdicts are in the report)\n");
        return;
      }
      for (RequirementOutcome requirement : ns.requirements()) {
        requirement(requirement);
      }
    }

    private void neutral(NamespaceOutcome ns, Verdict neutral) {
      if (!ns.neutralBlocked()) {
        line(true, neutral.decision(), ProfileCheck.NEUTRAL_ID,
            "the neutral template alone (restricted level, requests and limits) passes unchanged");
        warnings(neutral);
        return;
      }
      line(false, neutral.decision(), ProfileCheck.NEUTRAL_ID, neutral.decision() == Decision.ERROR
          ? "no decision on the neutral template alone, so none on any probe here"
          : "the neutral template alone did not pass unchanged, so every probe here fails for that");
      detail("Pod: " + neutral.describe());
      changes(neutral);
      warnings(neutral);
      if (neutral.decision() != Decision.ERROR) {
        detail("Adjust the template to this namespace's policies, for example"
            + " assertThat(cluster).usingTemplate(NeutralTemplate.restricted().withLabel(...)), and run again.");
      }
    }

    private void policing(NamespaceOutcome ns, Policing policing, boolean required) {
      Verdict shown = policing.shown();
      if (policing.podsPoliced()) {
        line(true, shown.decision(), ProfileCheck.POLICING_ID,
            "a pod breaking the baseline level every way is not admitted as sent: something polices "
                + ns.namespace());
        return;
      }
      boolean ok = !required || !policing.unpoliced();
      line(ok, shown.decision(), ProfileCheck.POLICING_ID, policing.controllersOnly()
          ? ns.namespace() + " is policed for pod controllers only: a bare Pod with "
              + ProfileCheck.POLICING_PROBE + " was admitted, the Deployment was stopped"
          : "nothing polices " + ns.namespace() + ": a pod with " + ProfileCheck.POLICING_PROBE
              + " was admitted" + (shown.decision() == Decision.WARNED ? " (with warnings only)" : ""));
      policing.reasons().forEach(reason -> detail("why: " + reason));
      if (policing.unpoliced()) {
        detail(required ? "requiringPolicedNamespaces() was called: an unpoliced namespace fails."
            : "Information, not a failure: the requirements here pass on their merits. Call"
                + " requiringPolicedNamespaces() to fail instead.");
      }
      warnings(shown);
    }

    private void requirement(RequirementOutcome r) {
      Verdict verdict = r.verdict();
      line(r.met(), verdict.decision(), r.id(), r.why());
      String subject = r.probe().describe() + ": ";
      if (!r.met()) {
        detail(subject + r.shortfall() + switch (verdict.decision()) {
          case ADMITTED -> verdict.message().isEmpty() ? "" : ". " + verdict.message();
          case MUTATED -> ", by " + verdict.mutatorName() + ":";
          default -> ". " + verdict.describe();
        });
        changes(verdict);
      } else if (verdict.decision() == Decision.WARNED) {
        detail(subject + "admitted, but " + verdict.attribution().describe() + " would deny it if enforced");
      }
      warnings(verdict);
    }

    private void line(boolean ok, Decision decision, String id, String why) {
      text.append(INDENT).append(pad(ok ? "ok" : "FAIL", 6)).append(pad(decision.name(), 10))
          .append(pad(id, idWidth)).append(why).append("\n");
    }

    private void detail(String value) {
      detail(value, 16);
    }

    private void detail(String value, int indent) {
      text.append(INDENT).append(" ".repeat(indent)).append(oneLine(value)).append("\n");
    }

    private void changes(Verdict verdict) {
      for (FieldChange change : verdict.changes()) {
        detail(change.toString(), 18);
      }
    }

    private void warnings(Verdict verdict) {
      for (String warning : verdict.warnings()) {
        detail("warning: " + warning);
      }
    }
  }

  private static String pad(String value, int width) {
    return value.length() >= width ? value + " " : value + " ".repeat(width - value.length());
  }

  /** Engines' messages may span lines (Kyverno's do); keep one line per fact. */
  static String oneLine(String value) {
    List<String> parts = new ArrayList<>();
    Stream.of(value.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).forEach(parts::add);
    return String.join(" ", parts);
  }
}
