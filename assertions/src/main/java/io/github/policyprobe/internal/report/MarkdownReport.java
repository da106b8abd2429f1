package io.github.policyprobe.internal.report;

import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The Markdown report, for a pull-request comment: per assertion a table of requirements by
 * namespaces with the verdict and deciding policy in each cell, then the full messages of the
 * cells that failed.
 */
final class MarkdownReport {
  private MarkdownReport() {}

  /** A page of these entries alone (one class's part), as the report would show them. */
  static String render(List<ReportEntry> entries) {
    return ReportPage.markdown(List.of(ReportPage.partOf(entries)));
  }

  /** One assertion's section; rendered once per entry, since the page is rewritten often. */
  static String section(ReportEntry entry) {
    StringBuilder md = new StringBuilder(4_096);
    section(md, entry);
    return md.toString();
  }

  private static void section(StringBuilder md, ReportEntry entry) {
    ProfileOutcome outcome = entry.outcome();
    md.append("\n## ").append(outcome.passed() ? "✅ " : "❌ ").append('`')
        .append(code(outcome.assertion())).append("` ").append(text(outcome.subject())).append("\n\n");
    if (!entry.test().isEmpty()) {
      md.append('`').append(code(entry.test())).append("` · ");
    }
    md.append(text(outcome.summary())).append("\n\n");
    outcome.enforcement().failedOpen()
        .forEach(f -> md.append("- **failed open:** ").append(text(f.describe())).append('\n'));
    outcome.enforcement().detectionOff().ifPresent(off -> md.append("- note: ").append(text(off)).append('\n'));
    if (outcome.enforcement().broken() || outcome.enforcement().detectionOff().isPresent()) {
      md.append('\n');
    }
    Grid grid = Grid.of(outcome);
    md.append("| requirement |");
    grid.columns().forEach(c -> md.append(" `").append(code(c.namespace())).append("` |"));
    md.append("\n|---|");
    grid.columns().forEach(c -> md.append("---|"));
    md.append('\n');
    for (Grid.Row row : grid.rows()) {
      md.append("| **").append(text(row.id())).append("** |");
      for (Optional<Grid.Cell> cell : row.cells()) {
        md.append(' ').append(cell.map(MarkdownReport::cell).orElse("n/a")).append(" |");
      }
      md.append('\n');
    }
    grid.columns().stream().filter(c -> !c.members().isEmpty()).forEach(c ->
        md.append("\n`").append(code(c.namespace())).append("`: ").append(text(c.members())).append('\n'));
    details(md, grid);
  }

  private static String cell(Grid.Cell cell) {
    Verdict v = cell.verdict();
    String mark = !cell.judged() ? "⏸️" : cell.met() ? "✅" : "❌";
    String by = switch (v.decision()) {
      case ADMITTED -> "";
      case MUTATED -> " by " + v.mutatorName();
      default -> v.attribution().engine() == Engine.UNKNOWN && v.attribution().policy().isEmpty()
          ? "" : " by " + v.attribution().describe();
    };
    return mark + " " + v.decision().name() + text(by);
  }

  /** Full messages of cells that failed or warned, so the table stays short. */
  private static void details(StringBuilder md, Grid grid) {
    StringBuilder items = new StringBuilder();
    for (Grid.Row row : grid.rows()) {
      for (int c = 0; c < grid.columns().size(); c++) {
        Optional<Grid.Cell> maybe = row.cells().get(c);
        if (maybe.isEmpty() || !maybe.get().judged()
            || (maybe.get().met() && maybe.get().verdict().warnings().isEmpty() && maybe.get().note().isEmpty())) {
          continue;
        }
        Grid.Cell cell = maybe.get();
        items.append("- **").append(text(row.id())).append("** in `").append(code(grid.columns().get(c).namespace()))
            .append("` (").append(text(cell.subject())).append("): ");
        if (!cell.note().isEmpty()) {
          items.append(text(cell.note())).append(". ");
        }
        items.append(text(cell.verdict().describe())).append('\n');
        for (String warning : cell.verdict().warnings()) {
          if (!(cell.verdict().decision() == Decision.WARNED && warning.equals(cell.verdict().message()))) {
            items.append("  - warning: ").append(text(warning)).append('\n');
          }
        }
      }
    }
    if (items.length() > 0) {
      md.append("\n<details><summary>Messages</summary>\n\n").append(items).append("\n</details>\n");
    }
  }

  /** Table-safe text: one line, no cell breaks, no HTML. */
  static String text(String value) {
    return value.replaceAll("\\s*\\R\\s*", " ").replace("\\", "\\\\").replace("|", "\\|")
        .replace("<", "&lt;").replace(">", "&gt;").replace("`", "'").replace("*", "\\*")
        .replace("_", "\\_");
  }

  /** Text inside backticks: one line, no backtick. */
  private static String code(String value) {
    return value.replaceAll("\\s*\\R\\s*", " ").replace("`", "'").replace("|", "\\|");
  }
}
