package io.github.policyprobe.internal.progress;

import java.io.PrintStream;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** INFO and above to stderr, one line each: the fallback when SLF4J has nowhere to log. */
final class ConsoleLogger extends LegacyAbstractLogger {
  static final String PREFIX = "[policyprobe] ";
  // Captured once: a test framework that swaps System.err later must not swallow progress.
  static final PrintStream STDERR = System.err;

  ConsoleLogger(String name) {
    this.name = name;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
      Object[] arguments, Throwable throwable) {
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    String shortName = name.substring(name.lastIndexOf('.') + 1);
    String line = PREFIX + (level == Level.INFO ? "" : level + " ") + shortName + ": " + message
        + (throwable == null ? "" : " (" + throwable + ")");
    STDERR.println(line);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }

  @Override
  public boolean isDebugEnabled() {
    return false;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
