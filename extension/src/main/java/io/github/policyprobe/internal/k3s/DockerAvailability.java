package io.github.policyprobe.internal.k3s;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, asked once per JVM and in bounded time.
 *
 * <p>It asks Testcontainers to find and ping an engine, the same discovery K3sContainer uses, so
 * whatever Testcontainers finds counts: DOCKER_HOST, Docker Desktop (a named pipe on Windows),
 * rootless sockets, ~/.testcontainers.properties. Only the transport is asked for: unlike
 * {@code DockerClientFactory.client()} this starts no Ryuk container and pulls nothing, so a slow
 * first pull cannot be mistaken for "no engine". Where nothing on the machine points at an engine
 * ({@link DockerSigns}), Testcontainers is not asked at all: the answer is "no" at once, and no
 * ERROR line is logged for the ordinary case of a machine without Docker.
 */
public final class DockerAvailability {

  /** How long the question may take before the answer is "no". */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static volatile Answer cached;

  private DockerAvailability() {}

  /** The answer to "does a Docker engine answer?", with the reason when it does not. */
  public record Answer(boolean answers, String reason) {
    static Answer yes() {
      return new Answer(true, "a Docker engine answered");
    }

    static Answer no(String reason) {
      return new Answer(false, reason);
    }
  }

  /** Whether a Docker engine answers; cached for the JVM, at most {@link #TIMEOUT} the first time. */
  public static boolean answers() {
    return check().answers();
  }

  /** Like {@link #answers()}, with the reason when no engine answered. */
  public static Answer check() {
    Answer answer = cached;
    if (answer == null) {
      synchronized (DockerAvailability.class) {
        answer = cached;
        if (answer == null) {
          DockerSigns signs = DockerSigns.ofThisMachine();
          answer = signs.first().isEmpty()
              ? Answer.no("no Docker engine is installed or configured (" + signs.lookedAt() + ")")
              : ask(() -> DockerClientFactory.instance().getTransportConfig(), TIMEOUT);
          cached = answer;
        }
      }
    }
    return answer;
  }

  /**
   * Runs the probe on a daemon thread and waits at most {@code timeout}: a probe that hangs (an
   * engine that accepts the connection and never replies) is abandoned, not waited for.
   */
  static Answer ask(Callable<?> probe, Duration timeout) {
    CompletableFuture<Answer> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        probe.call();
        result.complete(Answer.yes());
      } catch (Throwable e) {
        result.complete(Answer.no(describe(e)));
      }
    }, "policyprobe-docker-check");
    thread.setDaemon(true);
    thread.start();
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Answer.no("no answer within " + timeout.toSeconds() + "s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.no("interrupted while asking for a Docker engine");
    } catch (ExecutionException e) {
      return Answer.no(describe(e.getCause()));
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
