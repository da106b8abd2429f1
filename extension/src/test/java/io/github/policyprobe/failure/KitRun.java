package io.github.policyprobe.failure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs test classes in a JUnit engine of their own, as a build would: a fresh root store, so
 * shared clusters are booted for this run and closed when it ends.
 */
final class KitRun {
  private final EngineExecutionResults results;
  private final long millis;

  private KitRun(EngineExecutionResults results, long millis) {
    this.results = results;
    this.millis = millis;
  }

  static KitRun of(Map<String, String> configuration, Class<?>... classes) {
    long start = System.nanoTime();
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .configurationParameters(configuration)
        .configurationParameter(KitOnly.PARAMETER, "true")
        .selectors(Arrays.stream(classes).map(DiscoverySelectors::selectClass)
            .toArray(DiscoverySelector[]::new))
        .execute();
    return new KitRun(results, (System.nanoTime() - start) / 1_000_000);
  }

  long millis() {
    return millis;
  }

  /** Fails, quoting every failure in full, unless exactly {@code count} tests ran and passed. */
  KitRun assertAllPassed(int count) {
    List<Event> failed = results.allEvents().failed().list();
    long succeeded = results.testEvents().succeeded().count();
    if (!failed.isEmpty() || succeeded != count) {
      throw new AssertionError("expected " + count + " passing tests, " + succeeded + " passed; failures:\n"
          + failed.stream().map(KitRun::describe).collect(Collectors.joining("\n")));
    }
    return this;
  }

  /** The throwables of failed tests and containers, in the order they failed. */
  List<Throwable> failures() {
    return results.allEvents().failed().list().stream()
        .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable))
        .flatMap(Optional::stream)
        .toList();
  }

  private static String describe(Event event) {
    StringWriter trace = new StringWriter();
    event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
        .ifPresent(t -> t.printStackTrace(new PrintWriter(trace)));
    return event.getTestDescriptor().getDisplayName() + ": " + trace;
  }
}
