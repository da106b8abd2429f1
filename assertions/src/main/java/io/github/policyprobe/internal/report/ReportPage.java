package io.github.policyprobe.internal.report;

import static io.github.policyprobe.internal.report.HtmlReport.escape;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The report page assembled from every class part of a run: what ran against which cluster, the
 * changes since the baselines, a summary with failures first, then each assertion in full.
 */
final class ReportPage {
  private static final String CHANGES = "Changes since baseline";
  private static final String REHEARSAL = "Upgrade rehearsal: what changes from one Kubernetes version to the next";

  private ReportPage() {}

  /** Entries and the part they belong to, failures first, otherwise in run order. */
  private record Placed(ClassPart.Saved part, ClassPart.Entry entry) {}

  static String html(List<ClassPart.Saved> parts) {
    List<Placed> placed = placed(parts);
    long failed = placed.stream().filter(p -> !p.entry().passed()).count();
    StringBuilder html = new StringBuilder(32_768 + placed.stream().mapToInt(p -> p.entry().html().length()).sum());
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>policyprobe report</title>\n<style>\n").append(HtmlReport.CSS).append("</style>\n</head>\n<body>\n")
        .append("<header>\n<h1>policyprobe report</h1>\n<p class=\"totals\">")
        .append(placed.size()).append(placed.size() == 1 ? " assertion: " : " assertions: ")
        .append("<span class=\"pass-text\">").append(placed.size() - failed).append(" passed</span>, ")
        .append("<span class=\"fail-text\">").append(failed).append(" failed</span>");
    lastAt(parts).ifPresent(at -> html.append(" &middot; last at ").append(HtmlReport.TIME.format(at)));
    html.append("</p>\n");
    List<String> clusters = List.copyOf(clusters(parts));
    // A few are read at a glance; a long list would push the results below the fold.
    boolean fold = clusters.size() > 3;
    if (fold) {
      html.append("<details class=\"clusters\"><summary>").append(clusters.size()).append(" clusters</summary>\n");
    }
    for (String cluster : clusters) {
      html.append("<p class=\"clusters\">").append(escape(cluster)).append("</p>\n");
    }
    if (fold) {
      html.append("</details>\n");
    }
    html.append(HtmlReport.LEGEND).append("</header>\n<main>\n");
    html.append(htmlSection(parts, CHANGES, ClassPart.Saved::changesHtml));
    html.append(htmlSection(parts, REHEARSAL, ClassPart.Saved::rehearsalHtml));
    html.append("<table class=\"summary\"><thead><tr><th>result</th><th>test</th><th>assertion</th></tr></thead><tbody>\n");
    for (Placed p : placed) {
      html.append("<tr><td class=\"").append(p.entry().passed() ? "pass-text\">passed" : "fail-text\">FAILED")
          .append("</td><td>").append(escape(p.entry().test())).append("</td><td><a href=\"#")
          .append(escape(p.entry().anchor())).append("\">").append(escape(p.entry().title())).append("</a></td></tr>\n");
    }
    html.append("</tbody></table>\n");
    placed.forEach(p -> html.append(p.entry().html()));
    return html.append("</main>\n</body>\n</html>\n").toString();
  }

  static String markdown(List<ClassPart.Saved> parts) {
    List<Placed> placed = placed(parts);
    long failed = placed.stream().filter(p -> !p.entry().passed()).count();
    StringBuilder md = new StringBuilder(16_384);
    md.append("# policyprobe report\n\n").append(placed.size())
        .append(placed.size() == 1 ? " assertion: " : " assertions: ")
        .append(placed.size() - failed).append(" passed, ").append(failed).append(" failed.\n");
    for (String cluster : clusters(parts)) {
      md.append("\n").append(MarkdownReport.text(cluster)).append('\n');
    }
    md.append(changesMarkdown(parts));
    md.append(rehearsalMarkdown(parts));
    md.append("\n| result | test | assertion |\n|---|---|---|\n");
    for (Placed p : placed) {
      md.append("| ").append(p.entry().passed() ? "✅ passed" : "❌ **FAILED**").append(" | ")
          .append(MarkdownReport.text(p.entry().test())).append(" | ").append(MarkdownReport.text(p.entry().title()))
          .append(" |\n");
    }
    placed.forEach(p -> md.append(p.entry().markdown()));
    return md.toString();
  }

  /** The "Changes since baseline" section alone; empty when nothing changed. */
  static String changesMarkdown(List<ClassPart.Saved> parts) {
    return markdownSection(parts, CHANGES, ClassPart.Saved::changesMarkdown);
  }

  /** The "Upgrade rehearsal" section alone; empty when no class ran on several versions. */
  static String rehearsalMarkdown(List<ClassPart.Saved> parts) {
    return markdownSection(parts, REHEARSAL, ClassPart.Saved::rehearsalMarkdown);
  }

  /** A section with one heading per class that has {@code text}; empty when none has. */
  private static String markdownSection(List<ClassPart.Saved> parts, String title,
      Function<ClassPart.Saved, String> text) {
    List<ClassPart.Saved> having = parts.stream().filter(p -> !text.apply(p).isEmpty()).toList();
    if (having.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n## ").append(title).append('\n');
    having.forEach(p -> md.append("\n### `").append(p.testClass()).append("`\n\n").append(text.apply(p)));
    return md.toString();
  }

  private static String htmlSection(List<ClassPart.Saved> parts, String title, Function<ClassPart.Saved, String> html) {
    List<ClassPart.Saved> having = parts.stream().filter(p -> !html.apply(p).isEmpty()).toList();
    if (having.isEmpty()) {
      return "";
    }
    StringBuilder section = new StringBuilder("<section class=\"changes\"><h2>").append(escape(title))
        .append("</h2>\n");
    having.forEach(p -> section.append("<h3><code>").append(escape(p.testClass())).append("</code></h3>\n")
        .append(html.apply(p)));
    return section.append("</section>\n").toString();
  }

  /** A part made of entries alone, for rendering them outside a run. */
  static ClassPart.Saved partOf(List<ReportEntry> entries) {
    List<ClassPart.Entry> rendered = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      ReportEntry e = entries.get(i);
      String anchor = "entry-" + (i + 1);
      rendered.add(new ClassPart.Entry(e.outcome().passed(), anchor, e.outcome().title(), e.test(),
          HtmlReport.section(e, anchor), MarkdownReport.section(e)));
    }
    String at = entries.isEmpty() ? "" : entries.get(entries.size() - 1).at().toString();
    return new ClassPart.Saved(Report.NO_CLASS, at, List.of(), rendered, "", "", "", "");
  }

  private static List<Placed> placed(List<ClassPart.Saved> parts) {
    List<Placed> placed = new ArrayList<>();
    parts.forEach(part -> part.entries().forEach(e -> placed.add(new Placed(part, e))));
    placed.sort(Comparator.comparing((Placed p) -> p.entry().passed())); // stable: run order otherwise
    return placed;
  }

  private static Set<String> clusters(List<ClassPart.Saved> parts) {
    Set<String> clusters = new LinkedHashSet<>();
    parts.forEach(p -> clusters.addAll(p.clusters()));
    return clusters;
  }

  private static java.util.Optional<Instant> lastAt(List<ClassPart.Saved> parts) {
    return parts.stream().map(ClassPart.Saved::at).filter(at -> !at.isEmpty()).map(Instant::parse)
        .max(Comparator.naturalOrder());
  }
}
