package io.github.policyprobe.internal.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Gatekeeper's denial lists one "[constraint] message" line per violation, in the order its
 * policy evaluation produced them; sorted, the same violations read the same in every run.
 */
final class GatekeeperLines {
  private static final Pattern VIOLATION = Pattern.compile("^\\[[^\\]]+\\]");
  private static final String DENIED = "denied the request: ";

  private GatekeeperLines() {}

  /** {@code message} with the violation lines of a Gatekeeper denial sorted; other messages as they are. */
  static String sorted(String message) {
    int start = message.indexOf(DENIED);
    if (start < 0 || !message.contains("gatekeeper")) {
      return message;
    }
    int body = start + DENIED.length();
    List<String> lines = new ArrayList<>(message.substring(body).lines().toList());
    if (lines.size() < 2 || !lines.stream().allMatch(line -> VIOLATION.matcher(line).find())) {
      return message;
    }
    lines.sort(null);
    return message.substring(0, body) + String.join("\n", lines);
  }
}
