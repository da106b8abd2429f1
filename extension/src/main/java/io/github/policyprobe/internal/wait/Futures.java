package io.github.policyprobe.internal.wait;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Joining futures whose work throws unchecked exceptions that callers should see as thrown. */
public final class Futures {
  private Futures() {}

  /** The future's value; its failure rethrown as the work threw it, not wrapped. */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
