package io.github.policyprobe.manifests;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Bounded polling: every wait in policyprobe ends, and says what it was waiting for. */
public final class Waits {
  private static final long POLL_MILLIS = 50;

  private Waits() {}

  /**
   * Polls {@code check} until it yields a value or {@code timeout} passes.
   *
   * @throws WaitTimeoutException naming {@code what}, and the last failure if the check threw
   */
  public static <T> Optional<T> until(Duration timeout, String what, Supplier<Optional<T>> check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException lastFailure = null;
    while (true) {
      try {
        Optional<T> value = check.get();
        if (value.isPresent()) {
          return value;
        }
      } catch (RuntimeException e) {
        lastFailure = e;
      }
      if (System.nanoTime() > deadline) {
        throw new WaitTimeoutException("gave up after " + timeout.toSeconds() + " s waiting for "
            + what + (lastFailure == null ? "" : " (last error: " + lastFailure.getMessage() + ")")
            + ". Raise @PolicyCluster(readyTimeoutSeconds) if the cluster is merely slow.", lastFailure);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WaitTimeoutException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** A bounded wait ran out. */
  public static final class WaitTimeoutException extends ManifestException {
    public WaitTimeoutException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
