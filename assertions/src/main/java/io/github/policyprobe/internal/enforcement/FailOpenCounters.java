package io.github.policyprobe.internal.enforcement;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counters in kube-apiserver's {@code /metrics} that grow when an admission check fails open:
 * a webhook call that failed under {@code failurePolicy: Ignore}
 * ({@code apiserver_admission_webhook_fail_open_count}, per webhook and type), and a
 * ValidatingAdmissionPolicy whose evaluation failed under Ignore and so admitted
 * ({@code apiserver_validating_admission_policy_check_total} with
 * {@code enforcement_action="allow"} and an error type).
 */
final class FailOpenCounters {
  static final String WEBHOOK_METRIC = "apiserver_admission_webhook_fail_open_count";
  static final String POLICY_METRIC = "apiserver_validating_admission_policy_check_total";
  private static final Pattern SAMPLE = Pattern.compile("^([a-z_:]+)\\{(.*)}\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One thing that can fail open. */
  sealed interface Source permits Webhook, Policy {}

  /** A webhook by name; {@code type} is {@code validating} or {@code admit} (mutating). */
  record Webhook(String name, String type) implements Source {}

  /** A ValidatingAdmissionPolicy through one binding, with the kind of error it hit. */
  record Policy(String policy, String binding, String errorType) implements Source {}

  private FailOpenCounters() {}

  /** Every fail-open counter in a /metrics answer. */
  static Map<Source, Double> parse(String metrics) {
    Map<Source, Double> counters = new LinkedHashMap<>();
    for (String line : metrics.split("\n")) {
      if (!line.startsWith(WEBHOOK_METRIC + "{") && !line.startsWith(POLICY_METRIC + "{")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.find()) {
        continue;
      }
      Map<String, String> labels = labels(sample.group(2));
      double value;
      try {
        value = Double.parseDouble(sample.group(3));
      } catch (NumberFormatException e) {
        continue;
      }
      if (sample.group(1).equals(WEBHOOK_METRIC)) {
        counters.merge(new Webhook(labels.getOrDefault("name", ""), labels.getOrDefault("type", "")), value, Double::sum);
      } else if ("allow".equals(labels.get("enforcement_action"))
          && !"no_error".equals(labels.getOrDefault("error_type", "no_error"))) {
        counters.merge(new Policy(labels.getOrDefault("policy", ""), labels.getOrDefault("policy_binding", ""),
            labels.get("error_type")), value, Double::sum);
      }
    }
    return counters;
  }

  /** How much each counter grew from {@code before} to {@code after}; counters that did not grow are left out. */
  static Map<Source, Long> growth(Map<Source, Double> before, Map<Source, Double> after) {
    Map<Source, Long> grown = new HashMap<>();
    after.forEach((source, value) -> {
      long delta = Math.round(value - before.getOrDefault(source, 0.0));
      if (delta > 0) {
        grown.put(source, delta);
      }
    });
    return grown;
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new HashMap<>();
    Matcher label = LABEL.matcher(text);
    while (label.find()) {
      labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    return labels;
  }
}
