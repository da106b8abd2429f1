package io.github.policyprobe.internal.report;

import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.evaluation.NamespaceOutcome;
import io.github.policyprobe.internal.evaluation.ProbeResult;
import io.github.policyprobe.internal.evaluation.ProfileCheck;
import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.internal.evaluation.RequirementOutcome;
import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns an assertion's outcome into stable verdict records: every probe, one record each. */
public final class VerdictRecords {
  /**
   * A name the API server or a controller completed: {@code <base>-<5 characters>} from the
   * alphabet generateName uses (no vowels, no 0, 1, 3), with a ReplicaSet's pod-template hash
   * before it where there is one: {@code app-7d9f8b6c5d-x2kq4}. Probes' own and any other object's.
   */
  private static final Pattern GENERATED_NAME = Pattern.compile(
      "(?<![\\w.-])([a-z0-9][a-z0-9.-]*?-)(?:[bcdfghjklmnpqrstvwxz2456789]{6,10}-)?"
          + "[bcdfghjklmnpqrstvwxz2456789]{5}(?![\\w-])");
  private static final Pattern LOOPBACK_PORT = Pattern.compile("(127\\.0\\.0\\.1|localhost|\\[::1]):\\d{2,5}");
  /** Any other address with a port (a pod's or node's on k3s): both vary. */
  private static final Pattern ADDRESS_PORT = Pattern.compile("(?<![\\d.])\\d{1,3}(?:\\.\\d{1,3}){3}:\\d{2,5}");
  private static final Pattern UID = Pattern.compile(
      "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?");

  private VerdictRecords() {}

  /** The records of one assertion in test {@code test}; {@code occurrence} > 1 marks a repeat. */
  public static List<VerdictRecord> of(String test, ProfileOutcome outcome, int occurrence) {
    String name = occurrence > 1 ? test + " #" + occurrence : test;
    List<VerdictRecord> records = new ArrayList<>();
    for (NamespaceOutcome ns : outcome.namespaces()) {
      ns.neutral().ifPresent(v -> records.add(record(name, outcome, ns, ProfileCheck.NEUTRAL_ID, "", "Pod", "", v)));
      ns.policing().ifPresent(p -> {
        records.add(record(name, outcome, ns, ProfileCheck.POLICING_ID, "", "Pod", "", p.pod()));
        p.deployment().ifPresent(d -> records.add(
            record(name, outcome, ns, ProfileCheck.POLICING_ID, "", "Deployment", "", d)));
      });
      for (RequirementOutcome r : ns.requirements()) {
        for (ProbeResult result : r.results()) {
          records.add(record(name, outcome, ns, r.id(), result.probe().variant(), result.probe().subject(),
              result.probe().sender().username(), result.verdict()));
        }
      }
    }
    records.sort(VerdictRecord.ORDER);
    return records;
  }

  private static VerdictRecord record(String test, ProfileOutcome outcome, NamespaceOutcome ns,
      String requirement, String variant, String subject, String sender, Verdict verdict) {
    boolean decided = verdict.decision() != Decision.ADMITTED;
    boolean policing = requirement.equals(ProfileCheck.POLICING_ID);
    // The policing pod breaks many rules at once, so several policies of one engine, or both
    // webhook engines, may deny it: kube-apiserver stops at the first admission stage that denies
    // (Pod Security, then ValidatingAdmissionPolicies, then webhooks), but names any one of its
    // policies, and of webhooks called together the one that answered first. For this probe only
    // whether and at which stage it was stopped is stable.
    boolean named = decided && !policing;
    String engine = !decided ? "" : policing ? stage(verdict.attribution().engine())
        : verdict.attribution().engine().displayName();
    return new VerdictRecord(test, outcome.assertion(), ns.namespace(), requirement, variant, subject, sender,
        verdict.decision().name(), engine,
        named ? verdict.attribution().policy() : "", named ? verdict.attribution().rule() : "",
        named ? stable(verdict.message()) : "");
  }

  /** The admission stage of an engine: webhook engines are called together, and race. */
  private static String stage(Engine engine) {
    return switch (engine) {
      case KYVERNO, GATEKEEPER, WEBHOOK -> "admission webhook";
      default -> engine.displayName();
    };
  }

  /**
   * A message without what differs between runs: generated names (of probes and of any object),
   * ports, other addresses, UIDs, timestamps.
   */
  static String stable(String message) {
    String masked = UID.matcher(message).replaceAll("<uid>");
    masked = TIMESTAMP.matcher(masked).replaceAll("<time>");
    masked = GENERATED_NAME.matcher(masked).replaceAll("$1*");
    masked = LOOPBACK_PORT.matcher(masked).replaceAll("$1:<port>");
    return ADDRESS_PORT.matcher(masked).replaceAll("<address>:<port>");
  }
}
