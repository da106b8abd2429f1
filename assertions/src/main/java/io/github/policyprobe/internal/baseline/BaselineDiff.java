package io.github.policyprobe.internal.baseline;

import io.github.policyprobe.internal.report.VerdictRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a class's verdicts differ from its baseline: per probe, before -> after. Only tests that ran
 * are compared, so running one test method does not report every other one as removed.
 *
 * @param changes one row per probe whose verdict changed, appeared or disappeared
 */
public record BaselineDiff(List<Change> changes) {

  /** One probe: its verdict before and after; empty on the side where it did not exist. */
  public record Change(VerdictRecord.Key key, Optional<VerdictRecord> before, Optional<VerdictRecord> after) {

    String beforeText() {
      return before.map(Change::text).orElse("(none)");
    }

    String afterText() {
      return after.map(Change::text).orElse("(none)");
    }

    private static String text(VerdictRecord record) {
      return record.outcome() + (record.message().isEmpty() ? "" : ": " + record.message());
    }
  }

  static BaselineDiff between(List<VerdictRecord> baseline, List<VerdictRecord> current, Set<String> testsRun) {
    Map<VerdictRecord.Key, VerdictRecord> before = index(baseline.stream()
        .filter(r -> testsRun.contains(testOf(r))).toList());
    Map<VerdictRecord.Key, VerdictRecord> after = index(current);
    List<Change> changes = new ArrayList<>();
    after.forEach((key, now) -> {
      VerdictRecord then = before.get(key);
      if (!now.equals(then)) {
        changes.add(new Change(key, Optional.ofNullable(then), Optional.of(now)));
      }
    });
    before.forEach((key, then) -> {
      if (!after.containsKey(key)) {
        changes.add(new Change(key, Optional.of(then), Optional.empty()));
      }
    });
    changes.sort(Comparator.comparing((Change c) -> c.key().test()).thenComparing(c -> c.key().namespace())
        .thenComparing(c -> c.key().requirement()).thenComparing(c -> c.key().variant())
        .thenComparing(c -> c.key().subject()));
    return new BaselineDiff(changes);
  }

  /** The baseline with the tests that ran replaced by what they recorded now. */
  static List<VerdictRecord> updated(List<VerdictRecord> baseline, List<VerdictRecord> current, Set<String> testsRun) {
    List<VerdictRecord> merged = new ArrayList<>(baseline.stream().filter(r -> !testsRun.contains(testOf(r))).toList());
    merged.addAll(current);
    merged.sort(VerdictRecord.ORDER);
    return merged;
  }

  /** The test a record belongs to, without the {@code #n} of a repeated assertion. */
  static String testOf(VerdictRecord record) {
    return record.test().replaceFirst(" #\\d+$", "");
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** A table for the console: requirement x namespace, test, before -> after. */
  public String table() {
    return table("before", "after");
  }

  /** The console table with its last two columns named, such as {@code 1.34} and {@code 1.37}. */
  public String table(String before, String after) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"requirement", "namespace", "test / assertion", before, after});
    for (Change c : changes) {
      rows.add(new String[] {requirement(c), c.key().namespace(), c.key().test() + " / " + c.key().assertion(),
          c.beforeText(), c.afterText()});
    }
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < 4; i++) {
        widths[i] = Math.min(60, Math.max(widths[i], row[i].length()));
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      text.append("  ");
      for (int i = 0; i < 4; i++) {
        text.append(pad(row[i], widths[i])).append("  ");
      }
      text.append(row[4]).append('\n');
    }
    return text.toString();
  }

  /** The same as a Markdown table. */
  public String markdown() {
    return markdown("before", "after");
  }

  /** The Markdown table with its last two columns named. */
  public String markdown(String before, String after) {
    StringBuilder md = new StringBuilder("| requirement | namespace | test / assertion | " + cell(before) + " | "
        + cell(after) + " |\n|---|---|---|---|---|\n");
    for (Change c : changes) {
      md.append("| ").append(cell(requirement(c))).append(" | ").append(cell(c.key().namespace()))
          .append(" | ").append(cell(c.key().test() + " / " + c.key().assertion())).append(" | ")
          .append(cell(c.beforeText())).append(" | ").append(cell(c.afterText())).append(" |\n");
    }
    return md.toString();
  }

  /** Rows for the HTML report: requirement, namespace, test, before, after. */
  public List<List<String>> rows() {
    return changes.stream().map(c -> List.of(requirement(c), c.key().namespace(),
        c.key().test() + " / " + c.key().assertion(), c.beforeText(), c.afterText())).toList();
  }

  private static String requirement(Change c) {
    String variant = c.key().variant().isEmpty() ? "" : " (" + c.key().variant() + ")";
    String sender = c.key().sender().isEmpty() ? "" : ", as " + c.key().sender();
    return c.key().requirement() + variant + " [" + c.key().subject() + sender + "]";
  }

  private static Map<VerdictRecord.Key, VerdictRecord> index(List<VerdictRecord> records) {
    return records.stream().collect(Collectors.toMap(VerdictRecord::key, Function.identity(), (a, b) -> b,
        LinkedHashMap::new));
  }

  private static String pad(String value, int width) {
    String cut = value.length() > width ? value.substring(0, width - 1) + "…" : value;
    return cut + " ".repeat(Math.max(0, width - cut.length()));
  }

  private static String cell(String value) {
    return value.replace("|", "\\|").replace("\n", " ");
  }
}
