package io.github.policyprobe.internal.report;

import com.google.common.html.HtmlEscapers;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.evaluation.Expectation;
import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.internal.probe.Attribution;
import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.FieldChange;
import io.github.policyprobe.internal.probe.Verdict;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The HTML report: one section per assertion, each a grid of requirements (rows) by namespaces
 * (columns), alike namespaces in one column; a cell's colour says whether it meets the assertion
 * (green) or fails it (red), its left edge and word which verdict it is, and it carries the
 * deciding message. Self-contained (no
 * scripts, no external files) so it opens from a CI artifact as it is.
 */
final class HtmlReport {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** Shortfalls the verdict's own name already says. */
  private static final Set<String> REDUNDANT_NOTES = Set.of("denied", "admitted", "no decision");

  private HtmlReport() {}

  /** A page of these entries alone (one class's part), as the report would show them. */
  static String render(List<ReportEntry> entries) {
    return ReportPage.html(List.of(ReportPage.partOf(entries)));
  }

  /** One assertion's section; rendered once per entry, since the page is rewritten often. */
  static String section(ReportEntry entry, String anchor) {
    StringBuilder html = new StringBuilder(8_192);
    section(html, entry, anchor);
    return html.toString();
  }

  private static void section(StringBuilder html, ReportEntry entry, String anchor) {
    ProfileOutcome outcome = entry.outcome();
    boolean passed = outcome.passed();
    html.append("<section id=\"").append(escape(anchor)).append("\" class=\"entry ")
        .append(passed ? "passed" : "failed").append("\">\n<h2>")
        .append("<span class=\"badge ").append(passed ? "pass\">PASSED" : "fail\">FAILED").append("</span> ")
        .append("<code>").append(escape(outcome.assertion())).append("</code> ")
        .append(escape(outcome.subject())).append("</h2>\n<p class=\"meta\">");
    if (!entry.test().isEmpty()) {
      html.append("<span class=\"test\">").append(escape(entry.test())).append("</span> &middot; ");
    }
    html.append(outcome.expectation() == Expectation.ADMITTED
            ? "every probe must be admitted as sent" : "every probe must be denied by a policy")
        .append("</p>\n");
    if (outcome.enforcement().broken()) {
      html.append("<div class=\"failopen\"><strong>Enforcement broken while the probes ran:</strong><ul>");
      outcome.enforcement().failedOpen()
          .forEach(f -> html.append("<li>").append(escape(f.describe())).append("</li>"));
      html.append("</ul></div>\n");
    }
    outcome.enforcement().detectionOff()
        .ifPresent(off -> html.append("<p class=\"meta\">Note: ").append(escape(off)).append("</p>\n"));
    Grid grid = Grid.of(outcome);
    html.append("<div class=\"scroll\"><table class=\"grid\">\n<thead><tr><th class=\"corner\">requirement</th>");
    for (Grid.Column column : grid.columns()) {
      html.append("<th class=\"ns\"><span class=\"ns-name\">").append(escape(column.namespace())).append("</span>");
      if (!column.members().isEmpty()) {
        html.append("<details class=\"ns-members\"><summary>").append(column.namespaces().size())
            .append(" namespaces, identical verdicts</summary>").append(escape(String.join(", ", column.namespaces())))
            .append("</details>");
      }
      if (!column.roles().isEmpty()) {
        html.append("<span class=\"ns-role\">").append(escape(column.roles())).append("</span>");
      }
      html.append("<span class=\"ns-summary\">").append(escape(column.summary())).append("</span></th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (Grid.Row row : grid.rows()) {
      html.append("<tr><th class=\"req\"><span class=\"req-id\">").append(escape(row.id()))
          .append("</span><span class=\"req-why\">").append(escape(row.why())).append("</span></th>");
      for (Optional<Grid.Cell> cell : row.cells()) {
        cell(html, cell);
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table></div>\n</section>\n");
  }

  private static void cell(StringBuilder html, Optional<Grid.Cell> maybe) {
    if (maybe.isEmpty()) {
      html.append("<td class=\"na\">does not apply here</td>");
      return;
    }
    Grid.Cell cell = maybe.get();
    Verdict verdict = cell.verdict();
    html.append("<td class=\"v v-").append(verdict.decision().name().toLowerCase())
        .append(cell.judged() ? "" : " not-judged").append(cell.met() ? " met" : " unmet").append("\">")
        .append("<div class=\"head\"><span class=\"mark\">").append(cell.met() ? "&#10003;" : "&#10007;")
        .append("</span> <span class=\"decision\">").append(verdict.decision().name()).append("</span>");
    if (verdict.httpStatus() != 0) {
      html.append(" <span class=\"status\">HTTP ").append(verdict.httpStatus()).append("</span>");
    }
    html.append("</div>");
    if (!cell.note().isEmpty() && !REDUNDANT_NOTES.contains(cell.note())) {
      html.append("<div class=\"note\">").append(escape(cell.note())).append("</div>");
    }
    String by = by(verdict);
    if (!by.isEmpty()) {
      html.append("<div class=\"by\">").append(escape(by)).append("</div>");
    }
    if (verdict.decision() != Decision.MUTATED && !verdict.message().isEmpty()) {
      html.append("<div class=\"msg\">").append(escape(verdict.message())).append("</div>");
    }
    if (!verdict.changes().isEmpty()) {
      html.append("<ul class=\"changes\">");
      for (FieldChange change : verdict.changes()) {
        html.append("<li>").append(escape(change.scope())).append(": <code>").append(escape(change.field()))
            .append("</code> ").append(escape(change.requested())).append(" &rarr; ")
            .append(escape(change.returned()))
            .append(change.cause().isEmpty() ? "" : " <span class=\"cause\">(" + escape(change.cause()) + ")</span>")
            .append("</li>");
      }
      html.append("</ul>");
    }
    List<String> warnings = verdict.warnings().stream()
        .filter(w -> !(verdict.decision() == Decision.WARNED && w.equals(verdict.message()))).toList();
    if (!warnings.isEmpty()) {
      html.append("<ul class=\"warnings\">");
      for (String warning : warnings) {
        html.append("<li>warning: ").append(escape(warning)).append("</li>");
      }
      html.append("</ul>");
    }
    html.append("<div class=\"subject\">").append(escape(cell.subject())).append("</div></td>");
  }

  /** The engine and policy, where a verdict names one. */
  private static String by(Verdict verdict) {
    Attribution a = verdict.attribution();
    return switch (verdict.decision()) {
      case ADMITTED -> "";
      case MUTATED -> "by " + verdict.mutatorName();
      default -> a.engine() == Engine.UNKNOWN && a.policy().isEmpty() ? "" : "by " + a.describe();
    };
  }

  static String escape(String text) {
    return HtmlEscapers.htmlEscaper().escape(text);
  }

  static final String LEGEND = """
      <ul class="legend">
      <li><span class="chip v-admitted">ADMITTED</span> admitted as sent</li>
      <li><span class="chip v-denied">DENIED</span> refused by a policy or the API server</li>
      <li><span class="chip v-mutated">MUTATED</span> admitted after a security field was changed</li>
      <li><span class="chip v-warned">WARNED</span> admitted with warnings: would be denied if enforced</li>
      <li><span class="chip v-error">ERROR</span> no decision (webhook down, timeout, missing namespace)</li>
      <li><span class="chip mark-ok">&#10003;</span> meets the assertion (green cell) <span class="chip mark-bad">&#10007;</span> fails it (red cell); the left edge shows the verdict</li>
      </ul>
      """;

  static final String CSS = """
      :root { --admitted:#dcf3e3; --admitted-b:#3f9a5c; --denied:#fadad8; --denied-b:#c0392b;
        --mutated:#ebe1f8; --mutated-b:#7d4cc2; --warned:#fdf1c7; --warned-b:#b7860b;
        --error:#e4e4e7; --error-b:#52525b; --ink:#1f2328; --muted:#59636e; --line:#d0d7de; }
      * { box-sizing: border-box; }
      body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 -apple-system, "Segoe UI", Roboto,
        "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #f6f8fa; }
      h1 { font-size: 24px; margin: 0 0 4px; }
      h2 { font-size: 17px; margin: 0 0 4px; font-weight: 600; }
      code { font: 13px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
      .totals { margin: 0 0 12px; color: var(--muted); }
      .pass-text { color: var(--admitted-b); font-weight: 600; }
      .fail-text { color: var(--denied-b); font-weight: 600; }
      .failopen { border-left: 4px solid var(--denied-b); padding: 0.2em 0.8em; margin: 0.5em 0; }
      .legend { list-style: none; padding: 0; margin: 0 0 20px; display: flex; flex-wrap: wrap; gap: 6px 18px;
        color: var(--muted); font-size: 13px; }
      .chip { display: inline-block; padding: 1px 7px; border-radius: 4px; font-size: 11px; font-weight: 700;
        letter-spacing: .03em; border-left: 4px solid transparent; color: var(--ink); }
      .chip.mark-ok { color: var(--admitted-b); background: #fff; border: 1px solid var(--line); }
      .chip.mark-bad { color: var(--denied-b); background: #fff; border: 1px solid var(--line); }
      .entry { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px;
        margin: 0 0 20px; }
      .entry.failed { border-top: 4px solid var(--denied-b); }
      .entry.passed { border-top: 4px solid var(--admitted-b); }
      .badge { display: inline-block; font-size: 11px; font-weight: 700; padding: 2px 8px; border-radius: 10px;
        color: #fff; vertical-align: 2px; letter-spacing: .04em; }
      .badge.pass { background: var(--admitted-b); }
      .badge.fail { background: var(--denied-b); }
      .meta { margin: 0 0 12px; color: var(--muted); }
      .test { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; color: var(--ink); }
      .scroll { overflow-x: auto; }
      table.grid { border-collapse: separate; border-spacing: 4px; table-layout: fixed; min-width: 100%; }
      .grid th, .grid td { vertical-align: top; text-align: left; }
      .grid th.corner { width: 250px; color: var(--muted); font-weight: 600; font-size: 12px; padding: 6px 8px; }
      .grid th.ns { min-width: 240px; padding: 6px 10px; background: #f0f3f6; border-radius: 6px; }
      .ns-name { display: block; font-size: 15px; font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
      .ns-role { display: block; font-weight: 400; font-size: 12px; color: var(--muted); }
      .ns-summary { display: block; font-weight: 400; font-size: 12px; margin-top: 2px; }
      .grid th.req { padding: 8px; font-weight: 400; background: #f6f8fa; border-radius: 6px; }
      .req-id { display: block; font-weight: 600; font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
      .req-why { display: block; color: var(--muted); font-size: 12px; }
      td.v { padding: 7px 9px; border-radius: 6px; border-left: 5px solid; font-size: 12.5px; }
      .v-admitted { background: var(--admitted); border-color: var(--admitted-b); }
      td.v-admitted { border-left-color: var(--admitted-b); }
      .v-denied { background: var(--denied); border-color: var(--denied-b); }
      td.v-denied { border-left-color: var(--denied-b); }
      .v-mutated { background: var(--mutated); border-color: var(--mutated-b); }
      td.v-mutated { border-left-color: var(--mutated-b); }
      .v-warned { background: var(--warned); border-color: var(--warned-b); }
      td.v-warned { border-left-color: var(--warned-b); }
      .v-error { background: var(--error); border-color: var(--error-b); }
      td.v-error { border-left-color: var(--error-b); }
      td.v.met { background: var(--admitted); }
      td.v.unmet { background: var(--denied); box-shadow: inset 0 0 0 2px var(--denied-b); }
      td.not-judged { opacity: .55; box-shadow: none; }
      td.na { color: #8c959f; font-size: 12px; font-style: italic; padding: 7px 9px; border-radius: 6px;
        background: repeating-linear-gradient(45deg, #fafbfc, #fafbfc 6px, #f2f4f6 6px, #f2f4f6 12px); }
      .head { font-weight: 700; font-size: 12px; letter-spacing: .03em; }
      .met .mark { color: var(--admitted-b); }
      .unmet .mark { color: var(--denied-b); }
      .status { font-weight: 400; color: var(--muted); }
      .note { font-weight: 600; margin-top: 2px; }
      .by { margin-top: 2px; font-weight: 600; }
      .msg { margin-top: 3px; white-space: pre-wrap; overflow-wrap: anywhere; }
      .changes, .warnings { margin: 4px 0 0; padding-left: 16px; overflow-wrap: anywhere; }
      .warnings { color: #6b4f00; }
      .subject { margin-top: 4px; color: var(--muted); font-size: 11px; }
      table.summary { border-collapse: collapse; margin: 8px 0 20px; font-size: 13px; }
      table.summary td, table.summary th { border-bottom: 1px solid #ddd; padding: 3px 10px 3px 0; text-align: left; }
      .changes { border-left: 4px solid var(--mutated-b, #b58900); padding: 4px 12px; margin: 0 0 20px; }
      .clusters { color: var(--muted); margin: 0 0 8px; }
      .ns-members { font-weight: 400; font-size: 12px; color: var(--muted); }
      .ns-members summary { cursor: pointer; }
      """;
}
