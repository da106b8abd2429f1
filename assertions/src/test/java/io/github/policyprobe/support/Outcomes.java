package io.github.policyprobe.support;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.enforcement.EnforcementReport;
import io.github.policyprobe.internal.evaluation.Expectation;
import io.github.policyprobe.internal.evaluation.NamespaceOutcome;
import io.github.policyprobe.internal.evaluation.Policing;
import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.internal.evaluation.RequirementOutcome;
import io.github.policyprobe.internal.probe.Attribution;
import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.FieldChange;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.Verdict;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.profile.NamespacePlan;
import io.github.policyprobe.profile.NamespaceRole;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Verdicts and outcomes built by hand, with the engines' real wording, for rendering tests. */
public final class Outcomes {
  private Outcomes() {}

  public static Verdict admitted() {
    return new Verdict(Decision.ADMITTED, 201, "", List.of(), List.of(),
        new Attribution(Engine.API_SERVER, "", "", ""), "Pod");
  }

  public static Verdict deniedByPodSecurity(String capability) {
    String checks = "unrestricted capabilities (container \"probe\" must not include \"" + capability
        + "\" in securityContext.capabilities.add)";
    return new Verdict(Decision.DENIED, 403, "pods \"policyprobe-x\" is forbidden: violates PodSecurity"
        + " \"restricted:latest\": " + checks, List.of(), List.of(),
        new Attribution(Engine.POD_SECURITY, "restricted:latest", "unrestricted capabilities", checks), "Pod");
  }

  public static Verdict deniedByPolicy(String policy, String message) {
    return new Verdict(Decision.DENIED, 422, "pods \"policyprobe-x\" is forbidden: ValidatingAdmissionPolicy '"
        + policy + "' with binding '" + policy + "' denied request: " + message, List.of(), List.of(),
        new Attribution(Engine.VALIDATING_ADMISSION_POLICY, policy, policy, message), "Pod");
  }

  public static Verdict warned(String warning) {
    return new Verdict(Decision.WARNED, 201, warning, List.of(warning), List.of(),
        new Attribution(Engine.POD_SECURITY, "restricted:latest", "runAsUser=0", ""), "Pod");
  }

  public static Verdict mutated(String field, String requested, String returned) {
    return new Verdict(Decision.MUTATED, 201, field + ": " + requested + " -> " + returned, List.of(),
        List.of(new FieldChange("pod", field, requested, returned, "")), Attribution.unknown(""), "Pod");
  }

  public static Verdict error(String message) {
    return new Verdict(Decision.ERROR, 500, message, List.of(), List.of(),
        new Attribution(Engine.WEBHOOK, "unreachable.example", "", message), "Pod");
  }

  public static RequirementOutcome outcome(String id, String why, Verdict verdict, Expectation expectation) {
    Pod pod = NeutralTemplate.restricted().pod(id);
    return new RequirementOutcome(id, why, new Probe(id, "", "Pod", "ns", pod), verdict,
        expectation.isMet(verdict), expectation.shortfall(verdict));
  }

  public static NamespaceOutcome namespace(String name, NamespaceRole role, Verdict neutral,
      Optional<Verdict> policing, RequirementOutcome... requirements) {
    return new NamespaceOutcome(new NamespacePlan(name, Set.of(role), List.of()), Optional.ofNullable(neutral),
        policing.map(v -> new Policing(v, Optional.of(v), List.of())), List.of(requirements));
  }

  /** A K10 check with one of each verdict across two namespaces, and hostile text in messages. */
  public static ProfileOutcome mixedK10() {
    Expectation e = Expectation.ADMITTED;
    return new ProfileOutcome("permitsK10", "kasten-k10 (installed in kasten-io, protecting shop)", e, List.of(
        namespace("kasten-io", NamespaceRole.INSTALL, admitted(), Optional.of(deniedByPodSecurity("SYS_ADMIN")),
            outcome("cap-dac-override", "DAC_OVERRIDE: reads all data on a volume", deniedByPodSecurity("DAC_OVERRIDE"), e),
            outcome("uid-gid-1000", "K10 pods run as UID 1000 and GID 1000",
                mutated("runAsUser", "1000", "2000"), e),
            outcome("fsgroup-1000", "fsGroup 1000", warned("would violate <script>alert('x')</script> | pipe"), e),
            outcome("prometheus-ids", "Prometheus as nobody", admitted(), e)),
        namespace("shop", NamespaceRole.APPLICATION, admitted(), Optional.empty(),
            outcome("cap-dac-override", "DAC_OVERRIDE: reads all data on a volume",
                error("Internal error occurred: failed calling webhook \"unreachable.example\": connection refused"), e))),
        false, EnforcementReport.NOT_WATCHED);
  }
}
