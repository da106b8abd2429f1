package io.github.policyprobe.report;

import io.github.policyprobe.evaluation.ProfileOutcome;
import io.github.policyprobe.junit.TestReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's report: every assertion's outcome, accumulated for the whole JVM run and rewritten
 * after each assertion, so {@code report.html} and {@code report.md} are always current. Their
 * folder is the system property {@code policyprobe.report.dir} (default {@code target/policyprobe}).
 */
public final class Report {
  public static final String DIR_PROPERTY = "policyprobe.report.dir";
  /** The report of this JVM run. */
  private static final Report RUN = new Report();

  private final List<ReportEntry> entries = new ArrayList<>();
  private final List<String> htmlSections = new ArrayList<>();
  private final List<String> markdownSections = new ArrayList<>();

  Report() {}

  /**
   * Adds an outcome, rewrites both files, and publishes a one-line result through JUnit's
   * TestReporter. A report that cannot be written never fails the assertion: the path says so.
   *
   * @return where the HTML report is, or why it could not be written
   */
  public static String record(ProfileOutcome outcome) {
    return RUN.add(outcome, directory());
  }

  /** Adds an outcome to this report and rewrites its files in {@code dir}. */
  String add(ProfileOutcome outcome, Path dir) {
    ReportEntry entry = new ReportEntry(TestNames.current(), outcome, Instant.now());
    publish(entry);
    String html = HtmlReport.section(entry);
    String markdown = MarkdownReport.section(entry);
    synchronized (entries) {
      entries.add(entry);
      htmlSections.add(html);
      markdownSections.add(markdown);
      try {
        return write(dir, HtmlReport.page(entries, htmlSections),
            MarkdownReport.page(entries, markdownSections)).toString();
      } catch (IOException | UncheckedIOException e) {
        return "(not written: " + e.getMessage() + ")";
      }
    }
  }

  /** Writes both files for {@code entries} into {@code dir}; returns the HTML file. */
  static Path write(Path dir, List<ReportEntry> entries) throws IOException {
    return write(dir, HtmlReport.render(entries), MarkdownReport.render(entries));
  }

  private static Path write(Path dir, String html, String markdown) throws IOException {
    Files.createDirectories(dir);
    Path htmlFile = dir.resolve("report.html");
    replace(htmlFile, html);
    replace(dir.resolve("report.md"), markdown);
    return htmlFile;
  }

  static Path directory() {
    return Path.of(System.getProperty(DIR_PROPERTY, "target/policyprobe")).toAbsolutePath();
  }

  /** Writes next to the file, then moves over it: a reader never sees half a report. */
  private static void replace(Path file, String content) throws IOException {
    // not createTempFile: its owner-only permissions would stick to the report
    Path temporary = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid()
        + "." + Thread.currentThread().getId() + ".tmp");
    try {
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** The one place outcomes reach JUnit's TestReporter (a no-op outside a @PolicyCluster test). */
  private static void publish(ReportEntry entry) {
    ProfileOutcome outcome = entry.outcome();
    StringBuilder text = new StringBuilder((outcome.passed() ? "PASSED " : "FAILED ")
        + outcome.title() + ": " + outcome.summary());
    // an unpoliced namespace does not fail a check, so a passing one is where its reason must show
    outcome.namespaces().forEach(ns -> ns.policing().map(p -> p.note(ns.namespace()))
        .filter(note -> !note.isEmpty()).ifPresent(note -> text.append("\n  ").append(note)));
    outcome.enforcement().detectionOff().ifPresent(off -> text.append("\n  ").append(off));
    TestReports.publish("policyprobe", text.toString());
  }
}
