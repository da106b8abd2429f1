package io.github.policyprobe.internal.report;

import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One test class's share of the run's report, kept in a file of its own under
 * {@code parts/}: a class runs in one JVM, so Surefire forks and parallel classes never write the
 * same part, and the page is assembled from all of them.
 */
final class ClassPart {
  /** One assertion as the page shows it. */
  record Entry(boolean passed, String anchor, String title, String test, String html, String markdown) {}

  /** Parts as last written or read in this JVM; see {@link PartCache}. */
  static final PartCache CACHE = new PartCache();

  final String testClass;
  final Set<String> clusters = new LinkedHashSet<>();
  final List<Entry> entries = new ArrayList<>();
  final List<VerdictRecord> records = new ArrayList<>();
  final Set<String> testsRun = new LinkedHashSet<>();
  /** Set once its class has finished: a later outcome of the same class belongs to a new run of it. */
  boolean finished;
  String changesMarkdown = "";
  String changesHtml = "";
  /** What changes from the previous Kubernetes version of the same class (the upgrade rehearsal). */
  String rehearsalMarkdown = "";
  String rehearsalHtml = "";
  private final Map<String, Integer> occurrences = new HashMap<>();

  ClassPart(String testClass) {
    this.testClass = testClass;
  }

  void add(ReportEntry entry, String cluster) {
    ProfileOutcome outcome = entry.outcome();
    String anchor = anchor(testClass) + "-" + (entries.size() + 1);
    entries.add(new Entry(outcome.passed(), anchor, outcome.title(), entry.test(),
        HtmlReport.section(entry, anchor), MarkdownReport.section(entry)));
    if (!cluster.isEmpty()) {
      clusters.add(cluster);
    }
    int occurrence = occurrences.merge(entry.test() + "\n" + outcome.assertion(), 1, Integer::sum);
    records.addAll(VerdictRecords.of(entry.test(), outcome, occurrence));
    testsRun.add(entry.test());
  }

  /** A file name for the class: its binary name, which is unique and safe. */
  static String fileName(String testClass) {
    return testClass.replaceAll("[^A-Za-z0-9._$-]", "_");
  }

  private static String anchor(String testClass) {
    return testClass.substring(testClass.lastIndexOf('.') + 1).replaceAll("[^A-Za-z0-9_-]", "_");
  }

  String toJson(Instant at) {
    StringBuilder json = new StringBuilder(16_384).append("{\"testClass\": ").append(JsonText.quote(testClass))
        .append(",\n\"at\": ").append(JsonText.quote(at.toString()))
        .append(",\n\"clusters\": [");
    json.append(String.join(", ", clusters.stream().map(JsonText::quote).toList())).append("],\n\"entries\": [");
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      json.append(i == 0 ? "\n" : ",\n").append("{\"passed\": ").append(e.passed())
          .append(", \"anchor\": ").append(JsonText.quote(e.anchor()))
          .append(", \"title\": ").append(JsonText.quote(e.title()))
          .append(", \"test\": ").append(JsonText.quote(e.test()))
          .append(", \"html\": ").append(JsonText.quote(e.html()))
          .append(", \"markdown\": ").append(JsonText.quote(e.markdown())).append('}');
    }
    return json.append("],\n\"changesMarkdown\": ").append(JsonText.quote(changesMarkdown))
        .append(",\n\"changesHtml\": ").append(JsonText.quote(changesHtml))
        .append(",\n\"rehearsalMarkdown\": ").append(JsonText.quote(rehearsalMarkdown))
        .append(",\n\"rehearsalHtml\": ").append(JsonText.quote(rehearsalHtml)).append("}\n").toString();
  }

  /** A part as read back for the page: what was written, not what this JVM holds. */
  record Saved(String testClass, String at, List<String> clusters, List<Entry> entries,
      String changesMarkdown, String changesHtml, String rehearsalMarkdown, String rehearsalHtml) {}

  static Saved read(Path file) throws IOException {
    if (!(JsonText.parse(file) instanceof Map<?, ?> map)) {
      throw new IOException(file + ": not a report part");
    }
    List<Entry> entries = new ArrayList<>();
    for (Object o : map.get("entries") instanceof List<?> l ? l : List.of()) {
      Map<?, ?> e = (Map<?, ?>) o;
      entries.add(new Entry(Boolean.TRUE.equals(e.get("passed")), text(e, "anchor"), text(e, "title"),
          text(e, "test"), text(e, "html"), text(e, "markdown")));
    }
    List<String> clusters = (map.get("clusters") instanceof List<?> l ? l : List.of()).stream()
        .map(String::valueOf).toList();
    return new Saved(text(map, "testClass"), text(map, "at"), clusters, entries,
        text(map, "changesMarkdown"), text(map, "changesHtml"), text(map, "rehearsalMarkdown"),
        text(map, "rehearsalHtml"));
  }

  /** This part as {@link #read} would give it back from {@link #toJson}{@code (at)}. */
  Saved saved(Instant at) {
    return new Saved(testClass, at.toString(), List.copyOf(clusters), List.copyOf(entries),
        changesMarkdown, changesHtml, rehearsalMarkdown, rehearsalHtml);
  }

  static List<Saved> readAll(Path folder) throws IOException {
    List<Saved> parts = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return parts;
    }
    try (var files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        parts.add(CACHE.read(file));
      }
    }
    return parts;
  }

  private static String text(Map<?, ?> map, String key) {
    Object value = map.get(key);
    return value == null ? "" : String.valueOf(value);
  }
}
