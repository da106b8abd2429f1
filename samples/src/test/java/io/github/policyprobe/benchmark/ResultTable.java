package io.github.policyprobe.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The printed table: one row per measure, medians first, with the target and whether it is met. */
final class ResultTable {
  private static final String FORMAT = "%-74s %4s %10s %10s %10s  %-12s %s%n";

  private record Row(String measure, Samples samples, String target, String status) {}

  private final List<Object> lines = new ArrayList<>();

  void section(String title) {
    lines.add(title);
  }

  void row(String measure, Samples samples) {
    lines.add(new Row(measure, samples, "", ""));
  }

  /** A row with a target in milliseconds: met when the median is at or below it. */
  void row(String measure, Samples samples, double targetMillis) {
    boolean met = samples.medianMillis() <= targetMillis;
    lines.add(new Row(measure, samples, "<= " + format(targetMillis) + " ms", met ? "MET" : "MISSED"));
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, FORMAT, "measure", "n", "median ms", "min ms", "max ms", "target", ""));
    out.append("-".repeat(128)).append('\n');
    for (Object line : lines) {
      if (line instanceof Row row) {
        out.append(String.format(Locale.ROOT, FORMAT, row.measure(), row.samples().count(),
            format(row.samples().medianMillis()), format(row.samples().minMillis()),
            format(row.samples().maxMillis()), row.target(), row.status()));
      } else {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  static String format(double millis) {
    return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.1f", millis);
  }
}
