package io.github.policyprobe.internal.junit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets code that runs inside a test (an assertion, say) publish report entries through JUnit's
 * TestReporter without being handed one. Outside a {@code @PolicyCluster} test it does nothing.
 */
public final class TestReports {
  private static final ThreadLocal<ExtensionContext> CURRENT = new ThreadLocal<>();

  private TestReports() {}

  public static void publish(String key, String value) {
    ExtensionContext context = CURRENT.get();
    if (context != null) {
      context.publishReportEntry(Map.of(key, value));
    }
  }

  /**
   * The test running on this thread, such as class run {@code com.acme.HardeningTest} and display
   * name {@code HardeningTest > k10 still works > [1] kasten-io}; empty outside a
   * {@code @PolicyCluster} test.
   */
  public static Optional<RunningTest> current() {
    ExtensionContext context = CURRENT.get();
    if (context == null || context.getTestClass().isEmpty()) {
      return Optional.empty();
    }
    // A class template's invocation is left out of the names: the version is in the class key,
    // so the same test compares equal across versions (the upgrade rehearsal diffs by name).
    Deque<String> names = new ArrayDeque<>();
    for (ExtensionContext c = context; c != null && c.getTestClass().isPresent(); c = c.getParent().orElse(null)) {
      if (!ClassRuns.isTemplateInvocation(c)) {
        names.addFirst(c.getDisplayName());
      }
    }
    return Optional.of(new RunningTest(ClassRuns.key(context), String.join(" > ", names)));
  }

  /**
   * A running test: the top-level class run it belongs to ({@code com.acme.HardeningTest}, with
   * {@code @kubernetes-1.37} when the class runs on several Kubernetes versions), and its JUnit
   * display names.
   */
  public record RunningTest(String testClass, String displayName) {}

  public static ExtensionContext enter(ExtensionContext context) {
    ExtensionContext previous = CURRENT.get();
    CURRENT.set(context);
    return previous;
  }

  public static void leave(ExtensionContext previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
