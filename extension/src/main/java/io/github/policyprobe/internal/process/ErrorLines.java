package io.github.policyprobe.internal.process;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a process's last error in its log and says it in one short line: klog's {@code E1130 ...}
 * lines as they are, zap's JSON lines (etcd, the engines) as their message and error, without the
 * stack trace a JSON line carries.
 */
final class ErrorLines {
  private static final Pattern KLOG_ERROR = Pattern.compile("^[EF]\\d{4} .*");
  private static final Pattern JSON_ERROR = Pattern.compile("\"level\":\"(error|fatal|panic)\"");
  private static final Pattern MSG = Pattern.compile("\"msg\":\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern ERROR = Pattern.compile("\"error\":\"((?:[^\"\\\\]|\\\\.)*)\"");

  private ErrorLines() {}

  /** The last error line of {@code lines}, summarised, else the last line; empty for no lines. */
  static Optional<String> lastError(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i).strip();
      if (KLOG_ERROR.matcher(line).matches()) {
        return Optional.of(line);
      }
      if (line.startsWith("{") && JSON_ERROR.matcher(line).find()) {
        return Optional.of(summarizeJson(line));
      }
    }
    return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1).strip());
  }

  private static String summarizeJson(String line) {
    String msg = field(MSG, line);
    String error = field(ERROR, line);
    if (msg.isEmpty() && error.isEmpty()) {
      return line;
    }
    return msg.isEmpty() ? error : error.isEmpty() ? msg : msg + ": " + error;
  }

  private static String field(Pattern pattern, String line) {
    Matcher matcher = pattern.matcher(line);
    return matcher.find() ? matcher.group(1).replace("\\\"", "\"") : "";
  }
}
