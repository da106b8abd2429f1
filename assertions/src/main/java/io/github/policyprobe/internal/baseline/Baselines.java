package io.github.policyprobe.internal.baseline;

import com.google.common.html.HtmlEscapers;
import io.github.policyprobe.internal.junit.TestClassListener;
import io.github.policyprobe.internal.report.RecordFile;
import io.github.policyprobe.internal.report.Report;
import io.github.policyprobe.internal.report.VerdictRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verdict baselines, as snapshot tests know them: after a test class ran, its verdicts are
 * compared with the committed baseline {@code src/test/resources/policyprobe/<class>.verdicts.json};
 * any change fails the class with a diff table, even when every assertion passed. A missing
 * baseline is written and reported.
 *
 * <p>Settings (system properties): {@code policyprobe.updateBaselines=true} rewrites baselines
 * from this run; {@code policyprobe.requireBaselines=true} makes a missing baseline an error (for
 * CI); {@code policyprobe.baselines.dir} moves them; {@code policyprobe.baselines=off} turns the
 * comparison off (records are still written).
 */
public final class Baselines implements TestClassListener {
  public static final String UPDATE = "policyprobe.updateBaselines";
  public static final String REQUIRE = "policyprobe.requireBaselines";
  public static final String DIR = "policyprobe.baselines.dir";
  public static final String SWITCH = "policyprobe.baselines";
  private static final Logger LOG = LoggerFactory.getLogger(Baselines.class);

  @Override
  public void classFinished(String testClass) {
    Report.ClassRecords run = Report.finish(testClass);
    if (run.records().isEmpty() || "off".equalsIgnoreCase(System.getProperty(SWITCH, "on"))) {
      return;
    }
    Path file = file(testClass);
    try {
      if (!Files.exists(file)) {
        if (Boolean.getBoolean(REQUIRE) && !Boolean.getBoolean(UPDATE)) {
          throw new AssertionError("No verdict baseline for " + testClass + " at " + file + " (-D" + REQUIRE
              + "=true). Run the tests once with -D" + UPDATE + "=true and commit the file it writes.");
        }
        RecordFile.write(file, testClass, run.records());
        LOG.warn("verdict baseline for {} written to {}: commit it, so that later runs are compared with it",
            testClass, file);
        return;
      }
      List<VerdictRecord> baseline = RecordFile.read(file);
      BaselineDiff diff = BaselineDiff.between(baseline, run.records(), run.testsRun());
      if (diff.isEmpty()) {
        return;
      }
      boolean accepted = Boolean.getBoolean(UPDATE);
      Report.changes(testClass, changesMarkdown(diff, file, accepted), changesHtml(diff, file, accepted));
      if (accepted) {
        RecordFile.write(file, testClass, BaselineDiff.updated(baseline, run.records(), run.testsRun()));
        LOG.warn("verdict baseline {} updated with {} change(s):\n{}", file, diff.changes().size(), diff.table());
        return;
      }
      throw new AssertionError(failure(testClass, diff, file));
    } catch (IOException e) {
      throw new UncheckedIOException("verdict baseline of " + testClass + ": " + e.getMessage(), e);
    }
  }

  /** Where a class's baseline lives: the baselines folder, by the class's binary name. */
  static Path file(String testClass) {
    return Path.of(System.getProperty(DIR, "src/test/resources/policyprobe")).toAbsolutePath()
        .resolve(testClass.replaceAll("[^A-Za-z0-9._$-]", "_") + ".verdicts.json");
  }

  static String failure(String testClass, BaselineDiff diff, Path file) {
    int n = diff.changes().size();
    return n + " verdict" + (n == 1 ? "" : "s") + " of " + testClass + " changed since the baseline " + file
        + ":\n\n" + diff.table() + "\nIf the change is intended, accept it with -D" + UPDATE
        + "=true and commit the baseline; otherwise the policy change broke what the baseline recorded.";
  }

  private static String changesMarkdown(BaselineDiff diff, Path file, boolean accepted) {
    return (accepted ? "Accepted into " : "Differs from ") + "`" + file.getFileName() + "`:\n\n" + diff.markdown();
  }

  private static String changesHtml(BaselineDiff diff, Path file, boolean accepted) {
    return "<p>" + (accepted ? "Accepted into " : "Differs from ") + "<code>" + escape(file.getFileName().toString())
        + "</code></p>\n" + htmlTable(diff, "before", "after");
  }

  /** The diff as an HTML table whose last two columns are named {@code before} and {@code after}. */
  static String htmlTable(BaselineDiff diff, String before, String after) {
    StringBuilder html = new StringBuilder("<table class=\"summary\"><thead><tr><th>requirement</th><th>namespace</th>")
        .append("<th>test / assertion</th><th>").append(escape(before)).append("</th><th>").append(escape(after))
        .append("</th></tr></thead><tbody>\n");
    for (List<String> row : diff.rows()) {
      html.append("<tr>");
      row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
      html.append("</tr>\n");
    }
    return html.append("</tbody></table>\n").toString();
  }

  private static String escape(String text) {
    return HtmlEscapers.htmlEscaper().escape(text);
  }
}
