package io.github.policyprobe.benchmark;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.junit.PolicyCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
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

  /** The top-level classes with @PolicyCluster in {@code packageName}, in the order a run would take them. */
  static List<Class<?>> policyClusterClassesIn(String packageName) {
    TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectPackage(packageName)).build());
    List<Class<?>> classes = new ArrayList<>();
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier child : plan.getChildren(root)) {
        child.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
            .map(ClassSource::getJavaClass)
            .filter(type -> type.isAnnotationPresent(PolicyCluster.class))
            .ifPresent(classes::add);
      }
    }
    return classes;
  }

  /** The first line of the failure and of each of its causes: a boot's own reason is often two deep. */
  private static String firstLine(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      String message = String.valueOf(e.getMessage());
      text.append(text.length() == 0 ? "" : " <- ").append(e.getClass().getSimpleName()).append(' ')
          .append(message.lines().findFirst().orElse(""));
    }
    return text.toString();
  }
}
