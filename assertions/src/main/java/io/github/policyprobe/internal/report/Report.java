package io.github.policyprobe.internal.report;

import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.internal.junit.TestReports;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The run's report: every assertion's outcome, kept per test class in {@code parts/} and
 * assembled after each assertion into {@code report.html} and {@code report.md}, so the report is
 * always current and Surefire forks (each with its own classes) add to one report instead of
 * overwriting each other. Each class's verdicts are also written, in a stable form, to
 * {@code records/<class>.verdicts.json}. The folder is the system property
 * {@code policyprobe.report.dir} (default {@code target/policyprobe}).
 */
public final class Report {
  public static final String DIR_PROPERTY = "policyprobe.report.dir";
  /** The report of this JVM run. */
  private static final Report RUN = new Report();
  /** Classes run outside a {@code @PolicyCluster} test share one part. */
  static final String NO_CLASS = "(no test class)";

  private final Map<String, ClassPart> parts = new LinkedHashMap<>();

  Report() {}

  /**
   * Adds an outcome, rewrites the report, and publishes a result through JUnit's TestReporter. A
   * report that cannot be written never fails the assertion: the path says so.
   *
   * @param cluster what the probes ran against, for the report's header (backend, version, engines, policies)
   * @return where the HTML report is, or why it could not be written
   */
  public static String record(ProfileOutcome outcome, String cluster) {
    return RUN.add(outcome, cluster, directory());
  }

  /** Adds an outcome to this report and rewrites its files in {@code dir}. */
  String add(ProfileOutcome outcome, String cluster, Path dir) {
    Optional<TestReports.RunningTest> running = TestReports.current();
    return add(running.map(TestReports.RunningTest::testClass).orElse(NO_CLASS),
        running.map(TestReports.RunningTest::displayName).orElseGet(TestNames::current), outcome, cluster, dir);
  }

  /** Adds an outcome of test {@code test} in class {@code testClass}. */
  String add(String testClass, String test, ProfileOutcome outcome, String cluster, Path dir) {
    ReportEntry entry = new ReportEntry(test, outcome, Instant.now());
    publish(entry);
    synchronized (parts) {
      ClassPart part = parts.computeIfAbsent(testClass, ClassPart::new);
      if (part.finished) {
        part = new ClassPart(testClass);
        parts.put(testClass, part);
      }
      part.add(entry, cluster);
      return save(dir, part);
    }
  }

  /**
   * Ends a class's run: its verdict records and the tests they came from. Should the class run
   * again in this JVM (a rerun, a test kit), it starts a fresh part.
   */
  public static ClassRecords finish(String testClass) {
    synchronized (RUN.parts) {
      ClassPart part = RUN.parts.get(testClass);
      if (part == null) {
        return new ClassRecords(List.of(), Set.of());
      }
      part.finished = true;
      return new ClassRecords(List.copyOf(part.records), Set.copyOf(part.testsRun));
    }
  }

  /** A class's verdict records and the tests that ran. */
  public record ClassRecords(List<VerdictRecord> records, Set<String> testsRun) {}

  /** Puts a class's "changes since baseline" at the head of the report. */
  public static void changes(String testClass, String markdown, String html) {
    update(testClass, part -> {
      part.changesMarkdown = markdown;
      part.changesHtml = html;
    });
  }

  /**
   * Puts what changed from the class's run on the previous Kubernetes version into the report (the
   * upgrade rehearsal).
   */
  public static void rehearsal(String testClass, String markdown, String html) {
    update(testClass, part -> {
      part.rehearsalMarkdown = markdown;
      part.rehearsalHtml = html;
    });
  }

  private static void update(String testClass, Consumer<ClassPart> change) {
    synchronized (RUN.parts) {
      ClassPart part = RUN.parts.computeIfAbsent(testClass, ClassPart::new);
      change.accept(part);
      RUN.save(directory(), part);
    }
  }

  /**
   * A class's results as a short Markdown block (its changes since the baseline, then one row per
   * assertion, failures first), for CI summaries; empty when the class recorded nothing.
   */
  public static String summaryMarkdown(String testClass) {
    return RUN.summaryOf(testClass);
  }

  String summaryOf(String testClass) {
    synchronized (parts) {
      ClassPart part = parts.get(testClass);
      if (part == null || part.entries.isEmpty()) {
        return "";
      }
      long failed = part.entries.stream().filter(e -> !e.passed()).count();
      StringBuilder md = new StringBuilder("### `").append(testClass).append("`: ")
          .append(part.entries.size() - failed).append(" passed, ").append(failed).append(" failed\n\n");
      if (!part.changesMarkdown.isEmpty()) {
        md.append("**Changes since baseline.** ").append(part.changesMarkdown).append('\n');
      }
      if (!part.rehearsalMarkdown.isEmpty()) {
        md.append("**Upgrade rehearsal.** ").append(part.rehearsalMarkdown).append('\n');
      }
      md.append("| result | test | assertion |\n|---|---|---|\n");
      part.entries.stream().sorted(java.util.Comparator.comparing(ClassPart.Entry::passed))
          .forEach(e -> md.append("| ").append(e.passed() ? "✅ passed" : "❌ **FAILED**").append(" | ")
              .append(MarkdownReport.text(e.test())).append(" | ").append(MarkdownReport.text(e.title())).append(" |\n"));
      return md.append('\n').toString();
    }
  }

  private String save(Path dir, ClassPart part) {
    try {
      Path folder = dir.resolve("parts");
      Files.createDirectories(folder);
      Path file = folder.resolve(ClassPart.fileName(part.testClass) + ".json");
      Instant at = Instant.now();
      AtomicFiles.replace(file, part.toJson(at));
      ClassPart.CACHE.wrote(file, part.saved(at));
      if (!part.records.isEmpty()) {
        RecordFile.write(dir.resolve("records").resolve(ClassPart.fileName(part.testClass) + ".verdicts.json"),
            part.testClass, part.records);
      }
      return assemble(dir).toString();
    } catch (IOException | RuntimeException e) {
      return "(not written: " + e.getMessage() + ")";
    }
  }

  /**
   * Writes report.html and report.md from every class part in {@code dir}, holding a file lock so
   * that two forks assembling at once do not interleave.
   */
  static Path assemble(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      List<ClassPart.Saved> saved = ClassPart.readAll(dir.resolve("parts"));
      Path htmlFile = dir.resolve("report.html");
      AtomicFiles.replace(htmlFile, ReportPage.html(saved));
      AtomicFiles.replace(dir.resolve("report.md"), ReportPage.markdown(saved));
      return htmlFile;
    }
  }

  static Path directory() {
    return Path.of(System.getProperty(DIR_PROPERTY, "target/policyprobe")).toAbsolutePath();
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
