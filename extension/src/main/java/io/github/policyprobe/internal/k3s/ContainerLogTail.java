package io.github.policyprobe.internal.k3s;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.testcontainers.containers.output.OutputFrame;

/**
 * Keeps the last lines a container printed, so a failed start can quote k3s's own complaint (a bad
 * AdmissionConfiguration is reported by the API server in its log, not by Testcontainers).
 */
final class ContainerLogTail implements Consumer<OutputFrame> {
  private final int maxLines;
  private final Deque<String> lines = new ArrayDeque<>();

  ContainerLogTail(int maxLines) {
    this.maxLines = maxLines;
  }

  @Override
  public synchronized void accept(OutputFrame frame) {
    if (frame.getType() == OutputFrame.OutputType.END) {
      return;
    }
    for (String line : frame.getUtf8StringWithoutLineEnding().split("\n")) {
      if (lines.size() == maxLines) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }
  }

  /** The kept lines, oldest first, indented for an error message. */
  synchronized String text() {
    if (lines.isEmpty()) {
      return "  (the container printed nothing)";
    }
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append("  | ").append(line).append('\n');
    }
    return text.toString();
  }
}
