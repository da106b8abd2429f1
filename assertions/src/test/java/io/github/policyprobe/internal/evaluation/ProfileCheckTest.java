package io.github.policyprobe.internal.evaluation;

import static io.github.policyprobe.support.Outcomes.admitted;
import static io.github.policyprobe.support.Outcomes.deniedByPodSecurity;
import static io.github.policyprobe.support.Outcomes.error;
import static io.github.policyprobe.support.Outcomes.warned;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.internal.enforcement.EnforcementReport;
import io.github.policyprobe.internal.enforcement.FailOpen;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.Verdict;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.profile.NamespaceRole;
import io.github.policyprobe.support.Outcomes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a requirement's probes decide its outcome, and how a namespace sums up. */
class ProfileCheckTest {

  private static List<Probe> probes(String... subjects) {
    return java.util.Arrays.stream(subjects)
        .map(s -> new Probe("r", s, s, "ns", NeutralTemplate.restricted().pod("r"))).toList();
  }

  @Test
  void toBeAdmittedEveryVariantMustBeAndTheWorstDecides() {
    List<Verdict> verdicts = List.of(admitted(), deniedByPodSecurity("X"), warned("w"));
    RequirementOutcome outcome = ProfileCheck.decide("r", "why", Expectation.ADMITTED,
        List.of(List.of(0), List.of(1), List.of(2)), probes("a", "b", "c"), verdicts);

    assertThat(outcome.met()).isFalse();
    assertThat(outcome.probe().variant()).isEqualTo("b");
    assertThat(outcome.shortfall()).isEqualTo("denied");
  }

  @Test
  void aPassShowsTheVariantWithWarnings() {
    RequirementOutcome outcome = ProfileCheck.decide("r", "why", Expectation.ADMITTED,
        List.of(List.of(0), List.of(1)), probes("a", "b"), List.of(admitted(), warned("w")));

    assertThat(outcome.met()).isTrue();
    assertThat(outcome.probe().variant()).isEqualTo("b");
  }

  @Test
  void aDeploymentIsDeniedWhenItsPodIsButAdmittedOnlyWhenBothAre() {
    List<Probe> pair = probes("Deployment", "Pod of the Deployment's template");
    List<Verdict> warnedThenDenied = List.of(warned("would violate"), deniedByPodSecurity("SYS_ADMIN"));

    RequirementOutcome denied = ProfileCheck.decide("r", "why", Expectation.DENIED,
        List.of(List.of(0, 1)), pair, warnedThenDenied);
    assertThat(denied.met()).isTrue();
    assertThat(denied.probe().subject()).isEqualTo("Pod of the Deployment's template");

    RequirementOutcome admitted = ProfileCheck.decide("r", "why", Expectation.ADMITTED,
        List.of(List.of(0, 1)), pair, warnedThenDenied);
    assertThat(admitted.met()).isFalse();
    assertThat(admitted.verdict().decision()).isEqualTo(io.github.policyprobe.internal.probe.Decision.DENIED);
  }

  @Test
  void toBeDeniedAWarningIsAFailure() {
    RequirementOutcome outcome = ProfileCheck.decide("r", "why", Expectation.DENIED,
        List.of(List.of(0), List.of(1)), probes("a", "b"), List.of(deniedByPodSecurity("X"), warned("w")));

    assertThat(outcome.met()).isFalse();
    assertThat(outcome.shortfall()).isEqualTo("would only be warned, not denied");
  }

  @Test
  void summariesCountEachKindOfFailure() {
    var ns = Outcomes.mixedK10().namespaces().get(0);
    assertThat(ns.summary(Expectation.ADMITTED)).isEqualTo("1 of 4 requirements denied, 1 mutated in kasten-io");
    var blocked = Outcomes.namespace("shop", NamespaceRole.APPLICATION, error("down"), Optional.empty(),
        Outcomes.outcome("a", "b", error("down"), Expectation.ADMITTED));
    assertThat(blocked.neutralBlocked()).isTrue();
    assertThat(blocked.summary(Expectation.ADMITTED))
        .isEqualTo("no decision on the neutral template in shop, so none of its 1 requirement could be judged");
  }

  @Test
  void anUnpolicedNamespaceIsInformationUnlessPolicingIsRequired() {
    var open = Outcomes.namespace("open", NamespaceRole.INSTALL, admitted(), Optional.of(admitted()),
        Outcomes.outcome("a", "b", admitted(), Expectation.ADMITTED));
    assertThat(open.unpoliced()).isTrue();
    assertThat(outcome(open, false, EnforcementReport.NOT_WATCHED).passed()).isTrue();
    assertThat(outcome(open, true, EnforcementReport.NOT_WATCHED).passed()).isFalse();
    assertThat(open.summary(Expectation.ADMITTED)).isEqualTo("all 1 requirement admitted in open; nothing polices open");
  }

  @Test
  void aCheckThatFailedOpenFailsTheAssertionWhateverTheVerdicts() {
    var policed = Outcomes.namespace("shop", NamespaceRole.INSTALL, admitted(), Optional.of(deniedByPodSecurity("SYS_ADMIN")),
        Outcomes.outcome("a", "b", admitted(), Expectation.ADMITTED));
    var broken = new EnforcementReport(List.of(new FailOpen("validating webhook \"x\"", 2, "connection refused")),
        Optional.empty());
    ProfileOutcome outcome = outcome(policed, false, broken);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.summary()).startsWith("enforcement broken: 1 admission check failed open while the probes ran; ");
  }

  @Test
  void policingCountsTheDeploymentForm() {
    Policing controllersOnly = new Policing(admitted(), Optional.of(deniedByPodSecurity("X")), List.of("r"));
    assertThat(controllersOnly.unpoliced()).isFalse();
    assertThat(controllersOnly.controllersOnly()).isTrue();
    assertThat(controllersOnly.note("ns")).startsWith("ns is policed for pod controllers only").endsWith("; r");
    Policing warnedOnly = new Policing(warned("would violate"), Optional.of(warned("would violate")), List.of());
    assertThat(warnedOnly.unpoliced()).isTrue();
    assertThat(warnedOnly.note("ns")).contains("admitted with warnings only");
    assertThat(new Policing(deniedByPodSecurity("X"), Optional.of(admitted()), List.of()).note("ns")).isEmpty();
  }

  private static ProfileOutcome outcome(NamespaceOutcome ns, boolean policedRequired, EnforcementReport report) {
    return new ProfileOutcome("permits", "x", Expectation.ADMITTED, List.of(ns), policedRequired, report);
  }
}
