package io.github.policyprobe.internal.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One probe's verdict in a stable form: what two runs on the same policies must agree on, and
 * nothing that varies from run to run (generated names, ports, durations).
 *
 * @param test the JUnit display names, such as {@code HardeningTest > k10StillWorks(Cluster)},
 *     with {@code #2} appended for the second assertion of the same kind in one test
 * @param assertion such as {@code permitsK10} or {@code enforcesPodSecurity(RESTRICTED)}
 * @param namespace where the probe was sent
 * @param requirement the requirement or control id, {@code neutral-template} or {@code policing-check}
 * @param variant which of the requirement's values; empty for the only one
 * @param subject what was sent: {@code Pod}, {@code Deployment}, {@code Pod of the Deployment's template}
 * @param sender who sent it, such as {@code system:serviceaccount:kube-system:replicaset-controller};
 *     empty for the cluster admin
 * @param decision ADMITTED, DENIED, MUTATED, WARNED or ERROR
 * @param engine the deciding engine, such as {@code Kyverno}
 * @param policy the deciding policy, binding, constraint or webhook
 * @param rule the rule or check, where the engine names one
 * @param message the deciding message with generated names and ports masked
 */
public record VerdictRecord(String test, String assertion, String namespace, String requirement,
    String variant, String subject, String sender, String decision, String engine, String policy, String rule,
    String message) {

  static final List<String> FIELDS = List.of("test", "assertion", "namespace", "requirement", "variant",
      "subject", "sender", "decision", "engine", "policy", "rule", "message");

  public static final Comparator<VerdictRecord> ORDER = Comparator.comparing(VerdictRecord::test)
      .thenComparing(VerdictRecord::assertion).thenComparing(VerdictRecord::namespace)
      .thenComparing(VerdictRecord::requirement).thenComparing(VerdictRecord::variant)
      .thenComparing(VerdictRecord::subject).thenComparing(VerdictRecord::sender);

  /** What identifies the probe across runs. */
  public Key key() {
    return new Key(test, assertion, namespace, requirement, variant, subject, sender);
  }

  /** What must stay the same across runs. */
  public String outcome() {
    return decision + (engine.isEmpty() ? "" : " by " + engine + (policy.isEmpty() ? "" : " '" + policy + "'")
        + (rule.isEmpty() ? "" : " (" + rule + ")"));
  }

  List<String> values() {
    return List.of(test, assertion, namespace, requirement, variant, subject, sender, decision, engine, policy, rule,
        message);
  }

  static VerdictRecord of(Map<?, ?> fields) {
    String[] v = FIELDS.stream().map(f -> fields.get(f) == null ? "" : String.valueOf(fields.get(f)))
        .toArray(String[]::new);
    return new VerdictRecord(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
  }

  /** A probe's identity across runs. */
  public record Key(String test, String assertion, String namespace, String requirement, String variant, String subject,
      String sender) {}
}
