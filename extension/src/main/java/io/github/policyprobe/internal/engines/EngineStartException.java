package io.github.policyprobe.internal.engines;

import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.process.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** An engine did not start; the message names the step that failed and quotes the engine's log. */
public final class EngineStartException extends ClusterStartException {
  private static final int LAST_LINES = 15;
  private static final int ERROR_LINES = 8;
  private static final int MAX_LINE = 400;
  // klog's "E1127 ..." prefix, zerolog's " ERR ", Gatekeeper's JSON "level":"error", and plain words.
  private static final Pattern ERROR_LINE = Pattern.compile(
      "^E\\d{4} | ERR |\"level\":\"(error|fatal|panic)\"|(?i:\\berror\\b|\\bfailed\\b)|panic:");

  public EngineStartException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Wraps a failed wait with the engine's own log: its last error lines and its last lines. Call
   * it before stopping the engine, whose shutdown would fill the tail.
   */
  static EngineStartException withLog(String engine, ManagedProcess process, RuntimeException cause) {
    if (cause instanceof EngineStartException already) {
      return already;
    }
    return new EngineStartException(engine + " did not become ready: " + cause.getMessage()
        + "\n" + logExcerpt(process), cause);
  }

  /** Ends a wait at once when the engine process has exited. */
  static void failIfExited(String engine, ManagedProcess process) {
    if (!process.isAlive()) {
      throw new EngineStartException(engine + " exited with code " + process.exitCode().orElse(-1)
          + " while starting.\n" + logExcerpt(process), null);
    }
  }

  static String logExcerpt(ManagedProcess process) {
    List<String> lines;
    try {
      lines = Files.readAllLines(process.logFile(), StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return "Its log " + process.logFile() + " cannot be read: " + e.getMessage();
    }
    List<String> errors = lines.stream().filter(line -> ERROR_LINE.matcher(line).find()).toList();
    StringBuilder excerpt = new StringBuilder("Its log (" + process.logFile() + ")");
    if (!errors.isEmpty()) {
      excerpt.append(" has these last error lines:\n")
          .append(shortened(errors.subList(Math.max(0, errors.size() - ERROR_LINES), errors.size())))
          .append("\nand");
    }
    excerpt.append(" ends with:\n")
        .append(shortened(lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size())));
    return excerpt.toString();
  }

  /** Stack traces in JSON logs make single lines of several kilobytes. */
  private static String shortened(List<String> lines) {
    return String.join("\n", lines.stream()
        .map(line -> line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + " [...]")
        .toList());
  }

  /**
   * A new folder of the engine's own inside the cluster's scratch folder, for its log and files:
   * {@code kyverno}, or {@code kyverno-2} if an earlier start left one.
   */
  static Path folder(EngineHost host, String engine) {
    try {
      Path folder = host.scratchFolder().resolve(engine);
      for (int n = 2; Files.exists(folder); n++) {
        folder = host.scratchFolder().resolve(engine + "-" + n);
      }
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a folder for " + engine + " in "
          + host.scratchFolder(), e);
    }
  }
}
