package io.github.policyprobe.internal.manifests;

import io.github.policyprobe.internal.wait.Futures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one task per item on a few threads and returns when all are done. Each request to the API
 * server costs 10-20 ms of round trip on a busy machine, and the objects of one apply or removal
 * stage do not depend on each other, so they go out together rather than one after the other.
 */
final class InParallel {
  private static final int MAX_THREADS = 8;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private InParallel() {}

  /** The first task's failure, in item order, is rethrown as it was thrown; every task has ended by then. */
  static <T> void forEach(Collection<T> items, Consumer<T> task) {
    if (items.size() <= 1) {
      items.forEach(task);
      return;
    }
    int pool = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(Math.min(MAX_THREADS, items.size()), runnable -> {
      Thread thread = new Thread(runnable, "policyprobe-parallel-" + pool + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<CompletableFuture<Void>> running = new ArrayList<>(items.size());
      for (T item : items) {
        running.add(CompletableFuture.runAsync(() -> task.accept(item), executor));
      }
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
      running.forEach(Futures::join);
    } finally {
      executor.shutdownNow();
    }
  }
}
