package io.github.policyprobe.junit;

import java.util.Map;
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
