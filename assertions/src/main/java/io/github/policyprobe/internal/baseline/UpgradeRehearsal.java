package io.github.policyprobe.internal.baseline;

import io.github.policyprobe.internal.junit.TestClassListener;
import io.github.policyprobe.internal.report.Report;
import io.github.policyprobe.internal.report.VerdictRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upgrade rehearsal: when a class runs on several Kubernetes versions
 * ({@code @PolicyCluster(kubernetesVersions = ...)} or {@code -Dpolicyprobe.kubernetesVersions}),
 * each version's verdicts are compared with the previous version's, in the table of the baseline
 * diff, and printed to the console, the report and the CI summary: what changes when the cluster
 * moves from one version to the next. Versions run in the order given, and a cluster is upgraded
 * one minor at a time, so each step is compared with the one before it. It reports; the baselines
 * (one per version) are what fail a class.
 */
public final class UpgradeRehearsal implements TestClassListener {
  /** How a class run on one of several versions is named ({@code com.acme.HardeningTest@kubernetes-1.37}). */
  static final String MARK = "@kubernetes-";
  private static final Logger LOG = LoggerFactory.getLogger(UpgradeRehearsal.class);
  /** Per test class, its runs that finished in this JVM, one per version, in order. */
  private static final Map<String, List<VersionRun>> RUNS = new ConcurrentHashMap<>();

  private record VersionRun(String version, List<VerdictRecord> records, Set<String> testsRun) {}

  /**
   * Adds {@code run} to its class's runs and returns the one before it, if any. A version seen
   * already means the class runs again (a test kit in the same JVM): its runs start over.
   */
  private static VersionRun remember(String testClass, VersionRun run) {
    List<VersionRun> runs = RUNS.computeIfAbsent(testClass, key -> new ArrayList<>());
    synchronized (runs) {
      if (runs.stream().anyMatch(r -> r.version().equals(run.version()))) {
        runs.clear();
      }
      VersionRun previous = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      runs.add(run);
      return previous;
    }
  }

  @Override
  public void classFinished(String classRun) {
    int mark = classRun.lastIndexOf(MARK);
    if (mark < 0) {
      return;
    }
    String testClass = classRun.substring(0, mark);
    String version = classRun.substring(mark + MARK.length());
    Report.ClassRecords run = Report.finish(classRun);
    VersionRun previous = remember(testClass, new VersionRun(version, run.records(), run.testsRun()));
    if (previous == null || run.records().isEmpty() || previous.records().isEmpty()) {
      return;
    }
    Set<String> inBoth = new HashSet<>(run.testsRun());
    inBoth.retainAll(previous.testsRun());
    List<VerdictRecord> now = run.records().stream().filter(r -> inBoth.contains(BaselineDiff.testOf(r))).toList();
    BaselineDiff diff = BaselineDiff.between(previous.records(), now, inBoth);
    String before = "Kubernetes " + previous.version();
    String after = "Kubernetes " + version;
    String heading = "from " + before + " to " + after + ": " + (diff.isEmpty() ? "no verdict changes"
        : diff.changes().size() + " verdict" + (diff.changes().size() == 1 ? " changes" : "s change"));
    if (diff.isEmpty()) {
      LOG.info("upgrade rehearsal of {} {} ({} verdicts compared)", testClass, heading, now.size());
      Report.rehearsal(classRun, heading + ".\n", "<p>" + heading + ".</p>\n");
      return;
    }
    LOG.warn("upgrade rehearsal of {} {}:\n{}", testClass, heading, diff.table(before, after));
    Report.rehearsal(classRun, heading + ":\n\n" + diff.markdown(before, after),
        "<p>" + heading + ":</p>\n" + Baselines.htmlTable(diff, before, after));
  }
}
