package io.github.policyprobe.internal.k3s;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;

/**
 * A wait strategy that gives up as soon as the container stops. Testcontainers' log-message wait
 * does not notice a container that exited (k3s refusing its AdmissionConfiguration, a runtime
 * refusing privileged mode) and waits out its whole startup timeout; this one asks Docker for the
 * container's state while the wrapped strategy waits, and fails within a poll interval.
 */
final class StopWaitingOnExit implements WaitStrategy {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  private final WaitStrategy delegate;

  StopWaitingOnExit(WaitStrategy delegate) {
    this.delegate = delegate;
  }

  @Override
  public void waitUntilReady(WaitStrategyTarget target) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      try {
        delegate.waitUntilReady(target);
        ready.complete(null);
      } catch (Throwable e) {
        ready.completeExceptionally(e);
      }
    }, "policyprobe-k3s-wait");
    waiter.setDaemon(true);
    waiter.start();
    try {
      while (true) {
        try {
          ready.get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
          return;
        } catch (TimeoutException stillWaiting) {
          exitedState(target).ifPresent(state -> {
            throw exited(state, target);
          });
        }
      }
    } catch (ExecutionException e) {
      // The wrapped wait may notice the end of the log first; the exit is still the cause.
      Optional<InspectContainerResponse.ContainerState> state = exitedState(target);
      if (state.isPresent()) {
        Exited exited = exited(state.get(), target);
        exited.addSuppressed(e.getCause());
        throw exited;
      }
      throw e.getCause() instanceof RuntimeException runtime ? runtime
          : new ContainerLaunchException("waiting for the container failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerLaunchException("interrupted while waiting for the container", e);
    } finally {
      waiter.interrupt();
    }
  }

  /**
   * The container exited before it was ready; its log is read now, while the container still
   * exists (Testcontainers removes it once the start has failed).
   */
  static final class Exited extends ContainerLaunchException {
    private final String logs;

    Exited(String message, String logs) {
      super(message);
      this.logs = logs;
    }

    String logs() {
      return logs;
    }
  }

  private static Exited exited(InspectContainerResponse.ContainerState state, WaitStrategyTarget target) {
    return new Exited("the container exited during startup with code " + state.getExitCodeLong()
        + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (killed: out of memory)" : "")
        + (state.getError() == null || state.getError().isBlank() ? "" : ": " + state.getError()),
        logsOf(target));
  }

  private static String logsOf(WaitStrategyTarget target) {
    try {
      return target.getLogs();
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** The container's state once it no longer runs; empty while it runs (or cannot be asked). */
  private static Optional<InspectContainerResponse.ContainerState> exitedState(WaitStrategyTarget target) {
    try {
      InspectContainerResponse.ContainerState state = target.getCurrentContainerInfo().getState();
      return Boolean.TRUE.equals(state.getRunning()) ? Optional.empty() : Optional.of(state);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public WaitStrategy withStartupTimeout(Duration startupTimeout) {
    delegate.withStartupTimeout(startupTimeout);
    return this;
  }
}
