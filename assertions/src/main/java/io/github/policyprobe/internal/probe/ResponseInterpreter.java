package io.github.policyprobe.internal.probe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.probe.Operation;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** Turns the API server's answer to a dry-run create into a {@link Verdict}. Pure: no I/O. */
final class ResponseInterpreter {
  /** Warnings the API server adds on its own; they say nothing about policy. */
  private static final Pattern SERVER_NOTE = Pattern.compile(
      "^metadata\\.name:|deprecated (in|since) v\\d|^unknown field",
      Pattern.CASE_INSENSITIVE);
  /** Kyverno's emitWarning on a mutation: "policy name.rule: mutated Pod/x in namespace y". */
  private static final Pattern KYVERNO_MUTATION = Pattern.compile("^policy [\\w.-]+\\.[\\w.-]+: mutated ");
  private static final Pattern WEBHOOK_DENIAL = Pattern.compile("admission webhook \"[^\"]+\" denied the request");
  private static final Pattern NO_DECISION = Pattern.compile(
      "failed calling webhook|context deadline exceeded|Timeout: request did not complete"
          + "|the server is currently unable to handle the request|connection refused");

  private final KubernetesSerialization serialization;

  public ResponseInterpreter(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  public Verdict interpret(Probe probe, int code, String body, List<String> warningHeaders) {
    List<String> all = WarningHeaders.texts(warningHeaders);
    List<String> warnings = all.stream().filter(w -> !DenyingPolicies.isTwinWarning(w)).toList();
    boolean connect = probe.operation() instanceof Operation.Exec || probe.operation() instanceof Operation.Attach;
    if (code >= 200 && code < 300 && (connect || probe.operation() instanceof Operation.LabelNamespace)) {
      return passed(probe, code, "", warnings);
    }
    if (code >= 200 && code < 300) {
      return admitted(probe, code, body, warnings);
    }
    String message = GatekeeperLines.sorted(statusMessage(body));
    if (connect && code == 400 && message.contains("does not have a host assigned")) {
      // CONNECT has no dry-run: admission passed, then the API server found no node to connect to
      return passed(probe, code, "admission let it through; no node runs the Pod here, so nothing was executed",
          warnings);
    }
    Attribution attribution = DenialParser.parse(message);
    if ("authorization".equals(attribution.rule())) {
      return Verdict.error(code, "not an admission decision: the API server's authorization refused "
          + probe.describe() + " before admission (" + message + "). policyprobe grants what a probe's sender needs"
          + " on the local control plane and k3s; on an existing cluster, grant it (or impersonation of the sender)"
          + " to policyprobe's credentials, or send as another identity", attribution, probe.subject());
    }
    Decision decision = noDecision(code, message, attribution) ? Decision.ERROR : Decision.DENIED;
    if (decision == Decision.DENIED && attribution.engine() == Engine.VALIDATING_ADMISSION_POLICY) {
      DenyingPolicies deniers = DenyingPolicies.fromTwinWarnings(all);
      if (deniers.several()) {
        return new Verdict(decision, code, deniers.message(), warnings, List.of(), deniers.attribution(),
            probe.subject());
      }
    }
    return new Verdict(decision, code, message, warnings, List.of(), attribution, probe.subject());
  }

  /** Admitted as sent: WARNED when a policy warned, else ADMITTED with {@code message}. */
  private static Verdict passed(Probe probe, int code, String message, List<String> warnings) {
    // In a stable order: kube-apiserver lists ValidatingAdmissionPolicies' warnings in its own
    // changing order, and webhooks' in the order they answered. The first names the verdict.
    List<String> policyWarnings = warnings.stream()
        .filter(w -> !SERVER_NOTE.matcher(w).find() && !KYVERNO_MUTATION.matcher(w).find())
        .sorted(Comparator.comparingInt((String w) -> stage(DenialParser.parse(w).engine()))
            .thenComparing(Comparator.naturalOrder()))
        .toList();
    if (!policyWarnings.isEmpty()) {
      String first = policyWarnings.get(0);
      return new Verdict(Decision.WARNED, code, first, warnings, List.of(),
          DenialParser.parse(first), probe.subject());
    }
    return new Verdict(Decision.ADMITTED, code, message, warnings, List.of(),
        new Attribution(Engine.API_SERVER, "", "", ""), probe.subject());
  }

  /** The request never got an answer: connection refused, a timeout, a closed client. */
  public Verdict failure(Probe probe, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    String what = cause instanceof TimeoutException ? "no answer within the probe timeout"
        : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return Verdict.error(0, "the API server could not be reached for a dry-run of "
        + probe.describe() + " in namespace " + probe.namespace() + ": " + what,
        new Attribution(Engine.API_SERVER, "", "", what), probe.subject());
  }

  /** The probe could not even be sent: a kind the API server does not serve, say. */
  public Verdict unsendable(Probe probe, Exception error) {
    return Verdict.error(0, "could not send a dry-run of " + probe.describe() + " to namespace "
        + probe.namespace() + ": " + error.getMessage(),
        new Attribution(Engine.API_SERVER, "", "", String.valueOf(error.getMessage())), probe.subject());
  }

  private Verdict admitted(Probe probe, int code, String body, List<String> warnings) {
    HasMetadata returned;
    try {
      returned = serialization.unmarshal(body, probe.object().getClass());
    } catch (RuntimeException e) {
      return Verdict.error(code, "the API server admitted " + probe.describe()
          + " but its answer could not be read: " + e.getMessage(),
          Attribution.unknown(body), probe.subject());
    }
    List<FieldChange> changes = MutationDetector.changes(probe.object(), returned);
    if (!changes.isEmpty()) {
      Attribution mutator = MutationDetector.mutator(returned)
          .or(() -> warnings.stream().filter(w -> KYVERNO_MUTATION.matcher(w).find()).findFirst()
              .map(DenialParser::parse))
          .orElse(Attribution.unknown(""));
      return new Verdict(Decision.MUTATED, code, String.join("; ", changes.stream()
          .map(FieldChange::toString).toList()), warnings, changes, mutator, probe.subject());
    }
    return passed(probe, code, "", warnings);
  }

  /** Where an engine sits in kube-apiserver's admission order: Pod Security first, webhooks last. */
  private static int stage(Engine engine) {
    return switch (engine) {
      case POD_SECURITY -> 0;
      case MUTATING_ADMISSION_POLICY, VALIDATING_ADMISSION_POLICY -> 1;
      default -> 2;
    };
  }

  /**
   * Whether nothing decided: the API server could not ask a webhook, ran out of time, or could
   * not even look at the request (no such namespace or resource, no permission, a name taken).
   */
  private static boolean noDecision(int code, String message, Attribution attribution) {
    if (WEBHOOK_DENIAL.matcher(message).find()) {
      return false;
    }
    if (code == 429 || code >= 500 || code == 401 || code == 404 || code == 409) {
      return true;
    }
    return NO_DECISION.matcher(message).find() || "authorization".equals(attribution.rule());
  }

  private String statusMessage(String body) {
    if (body == null || body.isBlank()) {
      return "(empty response)";
    }
    try {
      Status status = serialization.unmarshal(body, Status.class);
      if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
        return status.getMessage();
      }
    } catch (RuntimeException e) {
      // not a Status: quote the body as it came
    }
    return body.strip();
  }
}
