package io.github.policyprobe.internal.probe;

import io.github.policyprobe.cluster.Engine;
import java.util.List;
import java.util.Objects;

/**
 * What happened to one probe.
 *
 * @param decision admitted, denied, mutated, warned, or no decision
 * @param httpStatus the API server's status code; 0 when no response came back
 * @param message the deciding message: the denial, the first warning, or why nothing was decided
 * @param warnings every admission warning, in the order the server sent them
 * @param changes security fields changed by a mutating policy, requested -> returned
 * @param attribution the engine, policy and rule that decided (or mutated, or warned)
 * @param subject what was sent, such as {@code Pod} or {@code Pod of the Deployment's template}
 */
public record Verdict(
    Decision decision,
    int httpStatus,
    String message,
    List<String> warnings,
    List<FieldChange> changes,
    Attribution attribution,
    String subject) {

  public Verdict {
    Objects.requireNonNull(decision, "decision");
    message = message == null ? "" : message;
    warnings = List.copyOf(warnings);
    changes = List.copyOf(changes);
    Objects.requireNonNull(attribution, "attribution");
    subject = subject == null ? "" : subject;
  }

  /** No decision: the request failed before a policy could answer. */
  public static Verdict error(int httpStatus, String message, Attribution attribution, String subject) {
    return new Verdict(Decision.ERROR, httpStatus, message, List.of(), List.of(), attribution, subject);
  }

  /** The same verdict with {@code note} added to its message: why a check did not apply, say. */
  public Verdict withNote(String note) {
    return new Verdict(decision, httpStatus, message.isEmpty() ? note : message + "; " + note, warnings, changes,
        attribution, subject);
  }

  /** The same verdict, attributed to {@code value} (a mutator found by reading the cluster, say). */
  public Verdict withAttribution(Attribution value) {
    return new Verdict(decision, httpStatus, message, warnings, changes, value, subject);
  }

  public Verdict withSubject(String value) {
    return new Verdict(decision, httpStatus, message, warnings, changes, attribution, value);
  }

  /** Whether the deciding engine is the API server's own validation rather than a policy. */
  public boolean deniedByApiServerValidation() {
    return decision == Decision.DENIED && attribution.engine() == Engine.API_SERVER;
  }

  /**
   * One line: decision, status, engine and policy, message; for a mutation the changed fields.
   * Example: {@code DENIED (HTTP 403) by PodSecurity 'restricted:latest' (unrestricted
   * capabilities): pods "x" is forbidden: ...}
   */
  public String describe() {
    return switch (decision) {
      case ADMITTED -> "ADMITTED" + status();
      case DENIED -> "DENIED" + status() + " by " + attribution.describe() + ": " + message;
      case WARNED -> "WARNED" + status() + " by " + attribution.describe()
          + " (admitted, but would be denied if enforced): " + message;
      case MUTATED -> "MUTATED" + status() + " by " + mutatorName() + ": "
          + String.join("; ", changes.stream().map(FieldChange::toString).toList());
      case ERROR -> "ERROR" + status() + ", no decision"
          + (attribution.engine() == Engine.UNKNOWN ? "" : " (" + attribution.describe() + ")")
          + ": " + message;
    };
  }

  /** The mutator named by a hint in the returned object, or a plain statement that none was. */
  public String mutatorName() {
    return attribution.engine() == Engine.UNKNOWN && attribution.policy().isEmpty()
        ? "an unnamed mutating admission policy or webhook (the returned object names none)"
        : attribution.describe();
  }

  private String status() {
    return httpStatus == 0 ? "" : " (HTTP " + httpStatus + ")";
  }
}
