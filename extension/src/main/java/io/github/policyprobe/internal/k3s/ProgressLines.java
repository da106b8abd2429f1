package io.github.policyprobe.internal.k3s;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Progress of a long wait as log lines: a line whenever what is awaited changes, and the same line
 * again after a quiet interval, so a first run that pulls images for minutes never looks hung.
 */
final class ProgressLines {
  private final String prefix;
  private final Consumer<String> sink;
  private final long intervalNanos;
  private String last = "";
  private long lastAt;

  ProgressLines(String prefix, Consumer<String> sink, Duration interval) {
    this.prefix = prefix;
    this.sink = sink;
    this.intervalNanos = interval.toNanos();
  }

  synchronized void report(String state) {
    long now = System.nanoTime();
    if (!state.equals(last) || now - lastAt >= intervalNanos) {
      sink.accept(prefix + state);
      last = state;
      lastAt = now;
    }
  }
}
