package io.github.policyprobe.junit;

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
   * The test running on this thread, such as class {@code com.acme.HardeningTest} and display
   * name {@code HardeningTest > k10 still works > [1] kasten-io}; empty outside a
   * {@code @PolicyCluster} test.
   */
  public static Optional<RunningTest> current() {
    ExtensionContext context = CURRENT.get();
    if (context == null || context.getTestClass().isEmpty()) {
      return Optional.empty();
    }
    Deque<String> names = new ArrayDeque<>();
    Class<?> outermost = context.getRequiredTestClass();
    for (ExtensionContext c = context; c != null && c.getTestClass().isPresent(); c = c.getParent().orElse(null)) {
      names.addFirst(c.getDisplayName());
      outermost = c.getRequiredTestClass();
    }
    return Optional.of(new RunningTest(outermost.getName(), String.join(" > ", names)));
  }

  /** A running test: the top-level class it belongs to, and its JUnit display names. */
  public record RunningTest(String testClass, String displayName) {}

  static ExtensionContext enter(ExtensionContext context) {
    ExtensionContext previous = CURRENT.get();
    CURRENT.set(context);
    return previous;
  }

  static void leave(ExtensionContext previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
