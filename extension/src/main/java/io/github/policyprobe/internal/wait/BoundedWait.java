package io.github.policyprobe.internal.wait;

import java.time.Duration;

/**
 * Polling with an end, policyprobe's only way to wait: each check either yields a value or says
 * what it still waits for, and the timeout message quotes that last reason, so a stuck wait names
 * what never happened.
 */
public final class BoundedWait {
  /**
   * The longest pause between two checks of {@link #until(Duration, String, Check)}: often enough
   * that a wait ends soon after its state is reached, rare enough to load no server.
   */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);
  /**
   * Its first pause: most waits here end within a few hundred milliseconds (an object deleted, a
   * policy loaded), so they start close and back off to {@link #DEFAULT_INTERVAL}.
   */
  static final Duration FIRST_INTERVAL = Duration.ofMillis(10);

  private BoundedWait() {}

  /** One attempt: returns the value, or throws {@link NotYet} saying what is missing. */
  @FunctionalInterface
  public interface Check<T> {
    T attempt() throws NotYet;
  }

  /** The awaited state is not reached yet; the message says what is missing. */
  public static final class NotYet extends Exception {
    public NotYet(String reason) {
      this(reason, null);
    }

    /** {@code cause}: a failure that may pass, such as a refused request; a timeout keeps it. */
    public NotYet(String reason, Throwable cause) {
      super(reason, cause, false, false);
    }
  }

  /**
   * The wait ran out, or was interrupted; the message names what was awaited and the last reason,
   * and the cause is the last reason's cause, if it had one.
   */
  public static final class TimedOut extends RuntimeException {
    TimedOut(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * {@link #until(Duration, Duration, String, Check)}, pausing {@link #FIRST_INTERVAL} at first and
   * half as long again after each miss, up to {@link #DEFAULT_INTERVAL}.
   */
  public static <T> T until(Duration timeout, String what, Check<T> check) {
    return poll(timeout, FIRST_INTERVAL.toMillis(), DEFAULT_INTERVAL.toMillis(), what, check);
  }

  /**
   * Polls {@code check} until it returns or {@code timeout} passes. Runtime exceptions from the
   * check (a process that died, an object an engine rejected) end the wait at once; wrap the check
   * in {@link #toleratingFailures} where a failed request is only one more reason to wait.
   *
   * @param what what is awaited, for messages: "X to be Y"
   * @throws TimedOut naming {@code what} and the last reason the check gave
   */
  public static <T> T until(Duration timeout, Duration interval, String what, Check<T> check) {
    return poll(timeout, interval.toMillis(), interval.toMillis(), what, check);
  }

  private static <T> T poll(Duration timeout, long firstMillis, long maxMillis, String what,
      Check<T> check) {
    long pause = firstMillis;
    long deadline = System.nanoTime() + timeout.toNanos();
    NotYet last;
    while (true) {
      try {
        return check.attempt();
      } catch (NotYet notYet) {
        last = notYet;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new TimedOut("gave up after " + timeout.toSeconds() + " s waiting for " + what
            + "; last seen: " + last.getMessage()
            + ". Raise @PolicyCluster(readyTimeoutSeconds) if the cluster is merely slow.",
            last.getCause());
      }
      try {
        Thread.sleep(pause);
        pause = Math.min(maxMillis, pause + Math.max(1, pause / 2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TimedOut("interrupted while waiting for " + what + "; last seen: "
            + last.getMessage(), e);
      }
    }
  }

  /** {@code check}, with a runtime exception it throws turned into one more reason to wait. */
  public static <T> Check<T> toleratingFailures(Check<T> check) {
    return () -> {
      try {
        return check.attempt();
      } catch (RuntimeException e) {
        throw new NotYet("the check failed: " + e.getMessage(), e);
      }
    };
  }
}
