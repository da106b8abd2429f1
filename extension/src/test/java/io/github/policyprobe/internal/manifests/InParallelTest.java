package io.github.policyprobe.internal.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InParallelTest {

  @Test
  void runsTheTasksAtTheSameTime() {
    // Each task waits for all the others to have started: one after the other, none would finish.
    CountDownLatch allStarted = new CountDownLatch(4);
    Set<String> done = ConcurrentHashMap.newKeySet();
    InParallel.forEach(List.of("a", "b", "c", "d"), item -> {
      allStarted.countDown();
      try {
        assertThat(allStarted.await(10, TimeUnit.SECONDS)).as("all four tasks running together").isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      done.add(item);
    });
    assertThat(done).containsExactlyInAnyOrder("a", "b", "c", "d");
  }

  @Test
  void rethrowsTheFirstFailureInItemOrderOnceEveryTaskEnded() {
    Set<String> ended = ConcurrentHashMap.newKeySet();
    assertThatThrownBy(() -> InParallel.forEach(List.of("slow", "fails-second", "fails-third"), item -> {
      try {
        if (item.equals("fails-third")) {
          throw new IllegalArgumentException(item); // fails first in time, third in order
        }
        Thread.sleep(item.equals("slow") ? 300 : 100);
        if (item.equals("fails-second")) {
          throw new IllegalStateException(item);
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException("interrupted", e);
      } finally {
        ended.add(item);
      }
    }))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("fails-second");
    assertThat(ended).containsExactlyInAnyOrder("slow", "fails-second", "fails-third");
  }

  @Test
  void oneItemRunsOnTheCallersThread() {
    Thread caller = Thread.currentThread();
    InParallel.forEach(List.of("only"), item -> assertThat(Thread.currentThread()).isSameAs(caller));
  }
}
