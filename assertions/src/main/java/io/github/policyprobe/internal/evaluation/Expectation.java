package io.github.policyprobe.internal.evaluation;

import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.Verdict;

/** What an assertion expects of every probe it sends. */
public enum Expectation {
  /** Admitted as sent; a warning is allowed (nothing is enforced yet), a mutation is not. */
  ADMITTED,
  /** Denied by an admission policy; a warning, a mutation or the API server's own validation is not enough. */
  DENIED;

  public boolean isMet(Verdict verdict) {
    return switch (this) {
      case ADMITTED -> verdict.decision() == Decision.ADMITTED || verdict.decision() == Decision.WARNED;
      case DENIED -> verdict.decision() == Decision.DENIED && !verdict.deniedByApiServerValidation();
    };
  }

  /** How far a verdict is from this expectation; the worst of a requirement's probes is reported. */
  int distance(Verdict verdict) {
    if (isMet(verdict)) {
      return verdict.warnings().isEmpty() ? 0 : 1; // among passes, show the one with warnings
    }
    return switch (this) {
      case ADMITTED -> switch (verdict.decision()) {
        case DENIED -> 5;
        case ERROR -> 4;
        default -> 3;
      };
      case DENIED -> switch (verdict.decision()) {
        case ADMITTED -> 6;
        case WARNED -> 5;
        case MUTATED -> 4;
        case ERROR -> 3;
        default -> 2;
      };
    };
  }

  /** Why a verdict fails this expectation, in a few words. */
  public String shortfall(Verdict verdict) {
    if (isMet(verdict)) {
      return "";
    }
    return switch (this) {
      case ADMITTED -> switch (verdict.decision()) {
        case DENIED -> "denied";
        case MUTATED -> "admitted only after a mutation changed what it asked for";
        case ERROR -> "no decision";
        default -> "not admitted";
      };
      case DENIED -> switch (verdict.decision()) {
        case ADMITTED -> "admitted";
        case WARNED -> "would only be warned, not denied";
        case MUTATED -> "admitted after a mutation, not denied";
        case ERROR -> "no decision";
        case DENIED -> "denied by the API server's own validation, not by a policy: the probe proves nothing";
      };
    };
  }
}
