package io.github.policyprobe.benchmark;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.policyprobe.cluster.Clusters;
import java.util.List;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs test classes in this JVM as a build would (one Launcher execution = one test run) and
 * counts how many clusters were booted meanwhile.
 */
final class BootsPerRun {
  /** What one run did. */
  record Result(int classes, int boots, long testsSucceeded, long testsFailed, long nanos,
      List<String> failures) {}

  private BootsPerRun() {}

  static Result run(List<Class<?>> classes) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(classes.stream().map(c -> selectClass(c)).toList())
        .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    int before = Clusters.bootCount();
    long start = System.nanoTime();
    launcher.execute(request, listener);
    long nanos = System.nanoTime() - start;
    TestExecutionSummary summary = listener.getSummary();
    List<String> failures = summary.getFailures().stream()
        .map(f -> f.getTestIdentifier().getDisplayName() + ": " + firstLine(f.getException()))
        .toList();
    return new Result(classes.size(), Clusters.bootCount() - before, summary.getTestsSucceededCount(),
        summary.getTestsFailedCount(), nanos, failures);
  }

  private static String firstLine(Throwable error) {
    String message = String.valueOf(error.getMessage());
    return error.getClass().getSimpleName() + " " + message.lines().findFirst().orElse("");
  }
}
