package io.github.policyprobe.internal.progress;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Loggers for what a user sits and waits for: provisioning binaries (minutes on a first run) and
 * booting a cluster. They log through SLF4J when a provider is bound; when none is, SLF4J would
 * discard every line, so they print to stderr instead and say once how to get proper logging.
 */
public final class ProgressLog {
  private static final AtomicBoolean HINT_GIVEN = new AtomicBoolean();

  private ProgressLog() {}

  public static Logger of(Class<?> owner) {
    Logger logger = LoggerFactory.getLogger(owner);
    if (!slf4jDiscardsEverything()) {
      return logger;
    }
    if (HINT_GIVEN.compareAndSet(false, true)) {
      ConsoleLogger.STDERR.println(ConsoleLogger.PREFIX + "no SLF4J provider is bound, so policyprobe's"
          + " progress goes to stderr; add one (slf4j-simple, logback-classic) to the test class path"
          + " to format or silence it");
    }
    return new ConsoleLogger(owner.getName());
  }

  /** SLF4J falls back to its no-operation factory when no provider is on the class path. */
  static boolean slf4jDiscardsEverything() {
    return LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory;
  }
}
