package io.github.policyprobe.report;

import io.github.policyprobe.evaluation.NamespaceOutcome;
import io.github.policyprobe.evaluation.ProbeResult;
import io.github.policyprobe.evaluation.ProfileCheck;
import io.github.policyprobe.evaluation.ProfileOutcome;
import io.github.policyprobe.evaluation.RequirementOutcome;
import io.github.policyprobe.probe.Decision;
import io.github.policyprobe.probe.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns an assertion's outcome into stable verdict records: every probe, one record each. */
public final class VerdictRecords {
  /** The API server completes a generateName with five characters from this alphabet. */
  private static final Pattern GENERATED_NAME =
      Pattern.compile("(policyprobe-[a-z0-9.-]*?-)[bcdfghjklmnpqrstvwxz2456789]{5}(?![a-z0-9])");
  private static final Pattern LOOPBACK_PORT = Pattern.compile("(127\\.0\\.0\\.1|localhost|\\[::1]):\\d{2,5}");

  private VerdictRecords() {}

  /** The records of one assertion in test {@code test}; {@code occurrence} > 1 marks a repeat. */
  public static List<VerdictRecord> of(String test, ProfileOutcome outcome, int occurrence) {
    String name = occurrence > 1 ? test + " #" + occurrence : test;
    List<VerdictRecord> records = new ArrayList<>();
    for (NamespaceOutcome ns : outcome.namespaces()) {
      ns.neutral().ifPresent(v -> records.add(record(name, outcome, ns, ProfileCheck.NEUTRAL_ID, "", "Pod", v)));
      ns.policing().ifPresent(p -> {
        records.add(record(name, outcome, ns, ProfileCheck.POLICING_ID, "", "Pod", p.pod()));
        p.deployment().ifPresent(d -> records.add(record(name, outcome, ns, ProfileCheck.POLICING_ID, "", "Deployment", d)));
      });
      for (RequirementOutcome r : ns.requirements()) {
        for (ProbeResult result : r.results()) {
          records.add(record(name, outcome, ns, r.id(), result.probe().variant(), result.probe().subject(),
              result.verdict()));
        }
      }
    }
    records.sort(VerdictRecord.ORDER);
    return records;
  }

  private static VerdictRecord record(String test, ProfileOutcome outcome, NamespaceOutcome ns,
      String requirement, String variant, String subject, Verdict verdict) {
    boolean decided = verdict.decision() != Decision.ADMITTED;
    // The policing pod breaks many rules at once. Where several ValidatingAdmissionPolicies deny
    // it, kube-apiserver names one of them, and which one depends on the order of a Go map; so
    // for this probe only whether and by which engine it was stopped is stable.
    boolean named = decided && !requirement.equals(ProfileCheck.POLICING_ID);
    return new VerdictRecord(test, outcome.assertion(), ns.namespace(), requirement, variant, subject,
        verdict.decision().name(), decided ? verdict.attribution().engine().displayName() : "",
        named ? verdict.attribution().policy() : "", named ? verdict.attribution().rule() : "",
        named ? stable(verdict.message()) : "");
  }

  /** A message without what differs between runs: generated probe names, loopback ports. */
  static String stable(String message) {
    String masked = GENERATED_NAME.matcher(message).replaceAll("$1*");
    return LOOPBACK_PORT.matcher(masked).replaceAll("$1:<port>");
  }
}
