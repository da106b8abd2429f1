package io.github.policyprobe.k3s;

import io.github.policyprobe.cluster.ClusterStartException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits, in bounded time, until a check finds nothing left missing. */
final class Poll {
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private Poll() {}

  /**
   * Calls {@code missing} until it returns empty. On timeout, throws an exception naming
   * {@code what} and the last thing {@code missing} reported.
   */
  static void until(String what, Duration timeout, String hint, Supplier<Optional<String>> missing) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<String> last = check(missing);
    while (last.isPresent()) {
      if (System.nanoTime() - deadline >= 0) {
        throw new ClusterStartException(what + " not ready after " + timeout.toSeconds() + "s: "
            + last.get() + (hint.isEmpty() ? "" : "\n" + hint));
      }
      try {
        Thread.sleep(INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterStartException("Interrupted while waiting for " + what, e);
      }
      last = check(missing);
    }
  }

  /** A failed request while waiting is one more reason to wait, not the end. */
  private static Optional<String> check(Supplier<Optional<String>> missing) {
    try {
      return missing.get();
    } catch (ClusterStartException e) {
      throw e;
    } catch (RuntimeException e) {
      return Optional.of("the check failed: " + e.getMessage());
    }
  }
}
