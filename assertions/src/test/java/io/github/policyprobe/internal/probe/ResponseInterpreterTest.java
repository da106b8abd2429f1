package io.github.policyprobe.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.support.Resources;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Verdicts read from answers captured from kube-apiserver v1.34.4 (see captured/README.md). */
class ResponseInterpreterTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final ResponseInterpreter INTERPRETER = new ResponseInterpreter(JSON);
  private static final Probe PROBE = new Probe("cap-dac-override", "", "Pod", "ns",
      JSON.unmarshal(Resources.text("captured/request-pod.json"), Pod.class));

  private static Verdict answer(int code, String name) {
    return INTERPRETER.interpret(PROBE, code, Resources.text("captured/" + name + ".json"),
        Resources.warningHeaders(name));
  }

  @Test
  void forbiddenByPodSecurityIsDenied() {
    Verdict v = answer(403, "podsecurity-enforce-capability");

    assertThat(v.decision()).isEqualTo(Decision.DENIED);
    assertThat(v.httpStatus()).isEqualTo(403);
    assertThat(v.message()).startsWith("pods \"pp-probe\" is forbidden: violates PodSecurity");
    assertThat(v.attribution().engine()).isEqualTo(Engine.POD_SECURITY);
    assertThat(v.subject()).isEqualTo("Pod");
  }

  @Test
  void invalidByAValidatingAdmissionPolicyIsDenied() {
    Verdict v = answer(422, "vap-deny");

    assertThat(v.decision()).isEqualTo(Decision.DENIED);
    assertThat(v.deniedByApiServerValidation()).isFalse();
  }

  @Test
  void invalidByTheApiServersOwnValidationIsDeniedByTheApiServer() {
    Verdict v = answer(422, "api-validation-procmount");

    assertThat(v.decision()).isEqualTo(Decision.DENIED);
    assertThat(v.deniedByApiServerValidation()).isTrue();
  }

  @Test
  void createdWithAPolicyWarningIsWarned() {
    Verdict v = answer(201, "podsecurity-warn-capability");

    assertThat(v.decision()).isEqualTo(Decision.WARNED);
    assertThat(v.message()).startsWith("would violate PodSecurity \"restricted:latest\"");
    assertThat(v.warnings()).hasSize(1);
    assertThat(v.describe()).startsWith("WARNED (HTTP 201) by PodSecurity 'restricted:latest'"
        + " (unrestricted capabilities) (admitted, but would be denied if enforced): would violate");
  }

  @Test
  void createdWithARuntimeUserChangedIsMutated() {
    Verdict v = answer(201, "map-mutated");

    assertThat(v.decision()).isEqualTo(Decision.MUTATED);
    assertThat(v.changes()).containsExactly(new FieldChange("container probe", "effective runAsUser", "1000", "2000",
        "pod-level runAsUser changed 1000 -> 2000"));
    assertThat(v.describe()).isEqualTo("MUTATED (HTTP 201) by an unnamed mutating admission policy or"
        + " webhook (the returned object names none): container probe: effective runAsUser 1000 -> 2000"
        + " (pod-level runAsUser changed 1000 -> 2000)");
  }

  @Test
  void failedWebhookCallsAndMissingNamespacesAreNoDecision() {
    assertThat(answer(500, "webhook-unreachable").decision()).isEqualTo(Decision.ERROR);
    assertThat(answer(500, "webhook-timeout").decision()).isEqualTo(Decision.ERROR);
    Verdict missing = answer(404, "namespace-missing");
    assertThat(missing.decision()).isEqualTo(Decision.ERROR);
    assertThat(missing.describe()).isEqualTo("ERROR (HTTP 404), no decision (API server (namespaces lookup)):"
        + " namespaces \"nosuchns\" not found");
  }

  @Test
  void aWebhookThatDeniesWithAServerErrorCodeStillDenied() {
    Verdict v = INTERPRETER.interpret(PROBE, 500, "{\"kind\":\"Status\",\"message\":\"admission webhook"
        + " \\\"images.example.com\\\" denied the request: no\",\"code\":500}", List.of());

    assertThat(v.decision()).isEqualTo(Decision.DENIED);
  }

  @Test
  void notAuthorizedIsNoDecision() {
    Verdict v = INTERPRETER.interpret(PROBE, 403, "{\"kind\":\"Status\",\"message\":\"pods is forbidden:"
        + " User \\\"bob\\\" cannot create resource \\\"pods\\\" in API group \\\"\\\" in the namespace"
        + " \\\"shop\\\"\",\"reason\":\"Forbidden\",\"code\":403}", List.of());

    assertThat(v.decision()).isEqualTo(Decision.ERROR);
  }

  @Test
  void aBodyThatIsNotAStatusIsQuoted() {
    Verdict v = INTERPRETER.interpret(PROBE, 502, "<html>bad gateway</html>", List.of());

    assertThat(v.decision()).isEqualTo(Decision.ERROR);
    assertThat(v.message()).isEqualTo("<html>bad gateway</html>");
  }

  @Test
  void serverNotesDoNotTurnAnAdmissionIntoAWarning() {
    String created = Resources.text("captured/podsecurity-warn-capability.json");
    Verdict v = INTERPRETER.interpret(PROBE, 201, created, List.of(
        "299 - \"metadata.annotations[container.apparmor.security.beta.kubernetes.io/probe]:"
            + " deprecated since v1.30; use the \\\"appArmorProfile\\\" field instead\""));

    assertThat(v.decision()).isEqualTo(Decision.ADMITTED);
    assertThat(v.warnings()).hasSize(1);
  }

  @Test
  void noAnswerAtAllIsNoDecision() {
    Verdict refused = INTERPRETER.failure(PROBE, new CompletionException(new ConnectException("Connection refused")));
    assertThat(refused.decision()).isEqualTo(Decision.ERROR);
    assertThat(refused.httpStatus()).isZero();
    assertThat(refused.message()).contains("could not be reached").contains("ConnectException: Connection refused");

    Verdict slow = INTERPRETER.failure(PROBE, new TimeoutException());
    assertThat(slow.message()).endsWith("no answer within the probe timeout");
  }

  /** Warnings of several policies: the verdict names the same one whatever order they came in. */
  @Test
  void severalPolicyWarningsNameTheFirstInAdmissionOrderThenByText() {
    String body = Resources.text("captured/request-pod.json");
    String psa = "299 - \"would violate PodSecurity \\\"restricted:latest\\\": unrestricted capabilities\"";
    String vapB = "299 - \"Validation failed for ValidatingAdmissionPolicy 'b-policy' with binding 'b': B warns\"";
    String vapA = "299 - \"Validation failed for ValidatingAdmissionPolicy 'a-policy' with binding 'a': A warns\"";

    Verdict vapsOnly = INTERPRETER.interpret(PROBE, 201, body, List.of(vapB, vapA));
    Verdict vapsReversed = INTERPRETER.interpret(PROBE, 201, body, List.of(vapA, vapB));
    Verdict withPodSecurity = INTERPRETER.interpret(PROBE, 201, body, List.of(vapB, psa, vapA));

    assertThat(vapsOnly.decision()).isEqualTo(Decision.WARNED);
    assertThat(vapsOnly.attribution().policy()).isEqualTo("a-policy");
    assertThat(vapsReversed.message()).isEqualTo(vapsOnly.message());
    assertThat(withPodSecurity.attribution().engine()).isEqualTo(Engine.POD_SECURITY);
  }

  @Test
  void gatekeepersViolationLinesAreSorted() {
    String denial = "admission webhook \"validation.gatekeeper.sh\" denied the request: [z-range] runAsUser 5\n[a-caps] CHOWN";

    assertThat(GatekeeperLines.sorted(denial))
        .isEqualTo("admission webhook \"validation.gatekeeper.sh\" denied the request: [a-caps] CHOWN\n[z-range] runAsUser 5");
    assertThat(GatekeeperLines.sorted("pods \"x\" is forbidden: violates PodSecurity")).isEqualTo(
        "pods \"x\" is forbidden: violates PodSecurity");
  }
}
