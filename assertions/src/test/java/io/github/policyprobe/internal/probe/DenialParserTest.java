package io.github.policyprobe.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.support.Resources;
import org.junit.jupiter.api.Test;

/** Attribution read from messages captured from kube-apiserver v1.34.4, and documented formats. */
class DenialParserTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static String captured(String name) {
    return JSON.unmarshal(Resources.text("captured/" + name + ".json"), Status.class).getMessage();
  }

  private static String warning(String name) {
    return WarningHeaders.texts(Resources.warningHeaders(name)).get(0);
  }

  @Test
  void podSecurityDenialNamesLevelAndFailingCheck() {
    Attribution a = DenialParser.parse(captured("podsecurity-enforce-capability"));

    assertThat(a).isEqualTo(new Attribution(Engine.POD_SECURITY, "restricted:latest",
        "unrestricted capabilities", "unrestricted capabilities (container \"probe\" must not include"
            + " \"DAC_OVERRIDE\" in securityContext.capabilities.add)"));
  }

  @Test
  void podSecurityDenialWithManyChecksNamesEachOnce() {
    Attribution a = DenialParser.parse(captured("podsecurity-enforce-many-checks"));

    assertThat(a.rule()).isEqualTo("host namespaces, privileged, allowPrivilegeEscalation != false,"
        + " unrestricted capabilities, restricted volume types, runAsNonRoot != true, runAsUser=0,"
        + " seccompProfile");
  }

  @Test
  void podSecurityChecksNestedParenthesesAndSemicolonsStayInTheirCheck() {
    assertThat(DenialParser.podSecurityCheckNames("procMount (container \"probe\" must not set"
        + " securityContext.procMount to \"Unmasked\"), unrestricted capabilities (container \"a\""
        + " must not include \"X\" (really); container \"b\" must set drop=[\"ALL\"])"))
        .containsExactly("procMount", "unrestricted capabilities");
  }

  @Test
  void podSecurityWarningReadsLikeItsDenial() {
    Attribution a = DenialParser.parse(warning("podsecurity-warn-capability"));

    assertThat(a.engine()).isEqualTo(Engine.POD_SECURITY);
    assertThat(a.policy()).isEqualTo("restricted:latest");
    assertThat(a.rule()).isEqualTo("unrestricted capabilities");
  }

  @Test
  void validatingAdmissionPolicyDenialNamesPolicyAndBinding() {
    assertThat(DenialParser.parse(captured("vap-deny"))).isEqualTo(new Attribution(
        Engine.VALIDATING_ADMISSION_POLICY, "uid-range", "uid-range-deny",
        "pods must run as a UID of 10000 or more"));
  }

  @Test
  void mutatingAdmissionPolicyFailureNamesPolicyAndBinding() {
    // As kube-apiserver v1.34.4 answered when a MutatingAdmissionPolicy's CEL failed under
    // failurePolicy Fail: the kind is not named, only "policy".
    String message = "configmaps \"x\" is forbidden: policy 'label-setter' with binding "
        + "'label-setter' denied request: expression 'object.metadata.name == 'x'' resulted in "
        + "error: no such key: name";
    assertThat(DenialParser.parse(message)).isEqualTo(new Attribution(
        Engine.MUTATING_ADMISSION_POLICY, "label-setter", "label-setter",
        "expression 'object.metadata.name == 'x'' resulted in error: no such key: name"));
  }

  @Test
  void validatingAdmissionPolicyWarningNamesPolicyAndBinding() {
    assertThat(DenialParser.parse(warning("vap-warn"))).isEqualTo(new Attribution(
        Engine.VALIDATING_ADMISSION_POLICY, "uid-range", "uid-range-warn",
        "pods must run as a UID of 10000 or more"));
  }

  @Test
  void anUnreachableWebhookIsNamed() {
    Attribution a = DenialParser.parse(captured("webhook-unreachable"));

    assertThat(a.engine()).isEqualTo(Engine.WEBHOOK);
    assertThat(a.policy()).isEqualTo("unreachable.policyprobe.test");
    assertThat(a.detail()).endsWith("connect: connection refused");
  }

  @Test
  void aWebhookTimeoutIsNamed() {
    Attribution a = DenialParser.parse(captured("webhook-timeout"));

    assertThat(a.policy()).isEqualTo("slow.policyprobe.test");
    assertThat(a.detail()).endsWith("context deadline exceeded");
  }

  @Test
  void theApiServersOwnValidationAndLookupsAreTheApiServer() {
    Attribution invalid = DenialParser.parse(captured("api-validation-procmount"));
    assertThat(invalid.engine()).isEqualTo(Engine.API_SERVER);
    assertThat(invalid.rule()).isEqualTo("validation");
    assertThat(invalid.detail()).startsWith("spec.containers[0].securityContext.procMount: Invalid value");

    Attribution missing = DenialParser.parse(captured("namespace-missing"));
    assertThat(missing.engine()).isEqualTo(Engine.API_SERVER);
    assertThat(missing.rule()).isEqualTo("namespaces lookup");
  }

  @Test
  void kyvernoDenialNamesEveryPolicyAndRuleAndJoinsContinuedMessages() {
    Attribution a = DenialParser.parse(Resources.text("documented/kyverno-denial.txt"));

    assertThat(a.engine()).isEqualTo(Engine.KYVERNO);
    assertThat(a.policy()).isEqualTo("disallow-capabilities-strict, require-run-as-nonroot");
    assertThat(a.rule()).isEqualTo("adding-capabilities-strict, run-as-non-root");
    assertThat(a.detail()).isEqualTo("Any capabilities added other than NET_BIND_SERVICE are disallowed.;"
        + " validation error: Running as root is not allowed. rule run-as-non-root failed at path"
        + " /spec/securityContext/runAsNonRoot/");
  }

  @Test
  void kyvernoDenialOnOneLine() {
    Attribution a = DenialParser.parse(Resources.text("documented/kyverno-denial-flat.txt"));

    assertThat(a).isEqualTo(new Attribution(Engine.KYVERNO, "disallow-capabilities",
        "adding-capabilities", "Any capabilities added beyond the allowed list are disallowed."));
  }

  @Test
  void kyvernoWarningNamesPolicyAndRule() {
    Attribution a = DenialParser.parse(Resources.text("documented/kyverno-warning.txt"));

    assertThat(a.engine()).isEqualTo(Engine.KYVERNO);
    assertThat(a.policy()).isEqualTo("restrict-user-ids");
    assertThat(a.rule()).isEqualTo("require-uid-range");
  }

  @Test
  void kyvernoQuotingPodSecurityIsStillKyverno() {
    Attribution a = DenialParser.parse("admission webhook \"validate.kyverno.svc-fail\" denied the"
        + " request: \n\nresource Pod/shop/x was blocked due to the following policies \n\n"
        + "psa:\n  restricted: 'Validation rule ''restricted'' failed. It violates PodSecurity"
        + " \"restricted:latest\": (Forbidden reason: unrestricted capabilities)'\n");

    assertThat(a.engine()).isEqualTo(Engine.KYVERNO);
    assertThat(a.policy()).isEqualTo("psa");
    assertThat(a.detail()).startsWith("Validation rule 'restricted' failed.");
  }

  @Test
  void gatekeeperDenialAndWarningNameTheConstraint() {
    Attribution denial = DenialParser.parse(Resources.text("documented/gatekeeper-denial.txt"));
    assertThat(denial.engine()).isEqualTo(Engine.GATEKEEPER);
    assertThat(denial.policy()).isEqualTo("psp-capabilities");
    assertThat(denial.detail()).startsWith("container <probe> has a disallowed capability");

    Attribution warning = DenialParser.parse(Resources.text("documented/gatekeeper-warning.txt"));
    assertThat(warning.engine()).isEqualTo(Engine.GATEKEEPER);
    assertThat(warning.policy()).isEqualTo("psp-allowed-users");
  }

  @Test
  void openShiftSecurityContextConstraints() {
    Attribution a = DenialParser.parse(Resources.text("documented/openshift-scc-denial.txt"));

    assertThat(a.engine()).isEqualTo(Engine.OPENSHIFT_SCC);
    assertThat(a.detail()).startsWith("[provider \"anyuid\": Forbidden");
  }

  @Test
  void anyOtherWebhookByItsName() {
    assertThat(DenialParser.parse(Resources.text("documented/webhook-denial.txt"))).isEqualTo(
        new Attribution(Engine.WEBHOOK, "images.example.com", "",
            "image registry.k8s.io/pause:3.10 is not from an allowed registry"));
  }

  @Test
  void somethingUnknownKeepsItsText() {
    assertThat(DenialParser.parse("the moon is in the way")).isEqualTo(Attribution.unknown("the moon is in the way"));
    assertThat(DenialParser.parse(null)).isEqualTo(Attribution.unknown(""));
  }
}
