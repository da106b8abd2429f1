package io.github.policyprobe.internal.manifests;

import io.github.policyprobe.internal.wait.BoundedWait;
import java.time.Duration;

/** A bounded wait of the manifest applier ran out; a ManifestException like every apply failure. */
public final class WaitTimeoutException extends ManifestException {
  private WaitTimeoutException(BoundedWait.TimedOut timedOut) {
    super(timedOut.getMessage(), timedOut);
  }

  /** {@link BoundedWait#until(Duration, String, BoundedWait.Check)}, failing with this type. */
  static <T> T await(Duration timeout, String what, BoundedWait.Check<T> check) {
    try {
      return BoundedWait.until(timeout, what, check);
    } catch (BoundedWait.TimedOut e) {
      throw new WaitTimeoutException(e);
    }
  }

  /** Runs a wait of another package (the in-force proofs), failing with this type. */
  static void during(Runnable wait) {
    try {
      wait.run();
    } catch (BoundedWait.TimedOut e) {
      throw new WaitTimeoutException(e);
    }
  }
}
