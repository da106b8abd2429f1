package io.github.policyprobe.internal.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.internal.wait.BoundedWait.NotYet;
import io.github.policyprobe.internal.wait.BoundedWait.TimedOut;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedWaitTest {
  private static final Duration SHORT = Duration.ofMillis(300);

  @Test
  void returnsTheValueOnceTheCheckYieldsOne() {
    AtomicInteger attempts = new AtomicInteger();

    String value = BoundedWait.until(Duration.ofSeconds(5), Duration.ofMillis(1), "the third attempt", () -> {
      if (attempts.incrementAndGet() < 3) {
        throw new NotYet("attempt " + attempts.get());
      }
      return "done";
    });

    assertThat(value).isEqualTo("done");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void aTimeoutNamesWhatWasAwaitedTheLastReasonAndTheSetting() {
    AtomicInteger attempts = new AtomicInteger();
    long start = System.nanoTime();

    assertThatThrownBy(() -> BoundedWait.until(SHORT, Duration.ofMillis(10), "the widget to be ready", () -> {
      throw new NotYet("attempt " + attempts.incrementAndGet() + " found no widget");
    }))
        .isInstanceOf(TimedOut.class)
        .hasMessageStartingWith("gave up after 0 s waiting for the widget to be ready; last seen: attempt ")
        .hasMessageContaining("attempt " + attempts.get() + " found no widget")
        .hasMessageEndingWith("Raise @PolicyCluster(readyTimeoutSeconds) if the cluster is merely slow.")
        .hasNoCause();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(SHORT, SHORT.plusSeconds(2));
    assertThat(attempts.get()).isGreaterThan(1);
  }

  @Test
  void aRuntimeExceptionEndsTheWaitAtOnce() {
    AtomicInteger attempts = new AtomicInteger();
    IllegalStateException dead = new IllegalStateException("the process exited");

    assertThatThrownBy(() -> BoundedWait.until(Duration.ofSeconds(30), "anything", () -> {
      attempts.incrementAndGet();
      throw dead;
    })).isSameAs(dead);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void toleratingFailuresWaitsOnAndKeepsTheLastFailureAsCause() {
    AtomicInteger attempts = new AtomicInteger();
    IllegalStateException refused = new IllegalStateException("connection refused");

    assertThatThrownBy(() -> BoundedWait.until(SHORT, Duration.ofMillis(10), "the API server",
        BoundedWait.toleratingFailures(() -> {
          attempts.incrementAndGet();
          throw refused;
        })))
        .isInstanceOf(TimedOut.class)
        .hasMessageContaining("last seen: the check failed: connection refused")
        .hasCause(refused);
    assertThat(attempts.get()).isGreaterThan(1);
  }

  @Test
  void anInterruptEndsTheWaitAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> BoundedWait.until(Duration.ofSeconds(30), "the widget", () -> {
        throw new NotYet("no widget");
      }))
          .isInstanceOf(TimedOut.class)
          .hasMessage("interrupted while waiting for the widget; last seen: no widget")
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
