package io.github.policyprobe.internal.probe;

import io.github.policyprobe.cluster.Engine;
import java.util.Objects;

/**
 * Who decided a probe, read from the API server's message or warning.
 *
 * @param engine the engine (PodSecurity, a ValidatingAdmissionPolicy, Kyverno, ...)
 * @param policy the policy's name: the PodSecurity level:version, the ValidatingAdmissionPolicy,
 *     the Kyverno policy, the Gatekeeper constraint, the webhook; empty when not named
 * @param rule the part of the policy: the PodSecurity checks that failed, the binding, the
 *     Kyverno rule; empty when not named
 * @param detail the engine's own explanation, without the API server's prefix
 */
public record Attribution(Engine engine, String policy, String rule, String detail) {

  public Attribution {
    Objects.requireNonNull(engine, "engine");
    policy = policy == null ? "" : policy;
    rule = rule == null ? "" : rule;
    detail = detail == null ? "" : detail;
  }

  public static Attribution unknown(String detail) {
    return new Attribution(Engine.UNKNOWN, "", "", detail);
  }

  /** One phrase naming engine, policy and rule, such as {@code PodSecurity "restricted:latest"}. */
  public String describe() {
    StringBuilder text = new StringBuilder(engine.displayName());
    if (!policy.isEmpty()) {
      text.append(" '").append(policy).append('\'');
    }
    if (!rule.isEmpty()) {
      text.append(" (").append(ruleLabel()).append(rule).append(')');
    }
    return text.toString();
  }

  private String ruleLabel() {
    return switch (engine) {
      case VALIDATING_ADMISSION_POLICY, MUTATING_ADMISSION_POLICY -> "binding ";
      case KYVERNO -> "rule ";
      default -> "";
    };
  }
}
