package io.github.policyprobe.k3s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, asked once per JVM and in bounded time.
 *
 * <p>It asks Testcontainers to find and ping an engine (the same discovery K3sContainer uses, so
 * DOCKER_HOST, Docker Desktop, rootless sockets and ~/.testcontainers.properties all count), but
 * only for the transport: unlike {@code DockerClientFactory.client()} this starts no Ryuk container
 * and pulls nothing, so a slow first pull cannot be mistaken for "no engine".
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
          answer = nothingToAsk()
              ? Answer.no("DOCKER_HOST is not set and no Docker socket exists (" + String.join(", ",
                  WELL_KNOWN_SOCKETS) + ")")
              : ask(() -> DockerClientFactory.instance().getTransportConfig(), TIMEOUT);
          cached = answer;
        }
      }
    }
    return answer;
  }

  private static final List<String> WELL_KNOWN_SOCKETS = List.of(
      "/var/run/docker.sock",
      System.getProperty("user.home") + "/.docker/run/docker.sock",
      System.getProperty("user.home") + "/.docker/desktop/docker.sock",
      System.getenv().getOrDefault("XDG_RUNTIME_DIR", "/run/user/" + uid()) + "/docker.sock");

  /**
   * True where no engine can be configured at all: Testcontainers would only log an ERROR about
   * a missing Docker environment, on every AUTO run of a machine without Docker.
   */
  private static boolean nothingToAsk() {
    boolean configured = System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    return !configured && WELL_KNOWN_SOCKETS.stream().noneMatch(p -> Files.exists(Path.of(p)));
  }

  private static String uid() {
    try {
      return String.valueOf(Files.getAttribute(Path.of(System.getProperty("user.home")), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "0";
    }
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
