package io.github.policyprobe.internal.enforcement;

import java.util.List;

/**
 * Why a check failed open, in a few words first and the API server's own words after. No API
 * answer carries the cause (the request was admitted): kube-apiserver logs it, as
 * {@code Failed calling webhook, failing open <name>: <error>}.
 */
final class FailOpenCauses {
  private FailOpenCauses() {}

  static String ofWebhook(String name, List<String> apiServerLog) {
    String marker = "failing open " + name + ": ";
    for (int i = apiServerLog.size() - 1; i >= 0; i--) {
      String line = apiServerLog.get(i);
      int at = line.indexOf(marker);
      if (at >= 0) {
        String error = line.substring(at + marker.length()).strip();
        return kind(error) + " (kube-apiserver: " + error + ")";
      }
    }
    return apiServerLog.isEmpty()
        ? "the cause is in kube-apiserver's log, which policyprobe cannot read for this cluster"
            + " (look for \"" + marker.strip() + "\")"
        : "kube-apiserver logged no cause (look for \"" + marker.strip() + "\")";
  }

  /** The kinds of failure a person acts on differently. */
  static String kind(String error) {
    String lower = error.toLowerCase();
    if (lower.contains("connection refused")) {
      return "connection refused: the webhook's server is down or not listening there";
    }
    if (lower.contains("deadline exceeded") || lower.contains("timeout") || lower.contains("timed out")) {
      return "timeout: the webhook's server did not answer within the webhook's timeoutSeconds";
    }
    if (lower.contains("x509") || lower.contains("certificate") || lower.contains("tls")) {
      return "certificate: the API server does not trust the webhook's serving certificate (caBundle)";
    }
    if (lower.contains("no such host") || lower.contains("no endpoints") || lower.contains("service \"")) {
      return "no endpoint: the webhook's service or host cannot be resolved";
    }
    return "the call failed";
  }

  static String ofPolicy(String errorType) {
    return switch (errorType) {
      case "invalid_error" -> "a CEL expression failed to evaluate on the request (error_type invalid_error),"
          + " and the policy's failurePolicy is Ignore";
      case "compile_error" -> "its CEL does not compile (error_type compile_error), and the policy's"
          + " failurePolicy is Ignore";
      case "out_of_budget" -> "its CEL ran out of cost budget (error_type out_of_budget), and the"
          + " policy's failurePolicy is Ignore";
      default -> "evaluation failed (error_type " + errorType + "), and the policy's failurePolicy is Ignore";
    };
  }
}
