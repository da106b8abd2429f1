package io.github.policyprobe.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerAvailabilityTest {

  @Test
  void answersWithinItsTimeoutAndGivesAReasonWhenNoEngineAnswers() {
    long started = System.nanoTime();
    DockerAvailability.Answer answer = DockerAvailability.check();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isLessThan(DockerAvailability.TIMEOUT.plusSeconds(2));
    if (!answer.answers()) {
      assertThat(answer.reason()).isNotBlank();
    }
    assertThat(DockerAvailability.answers()).isEqualTo(answer.answers());
  }

  @Test
  void saysNoQuicklyWhereNoDockerSocketOrHostIsConfigured() {
    assumeTrue(noDockerConfigured(), "this machine has a Docker socket or DOCKER_HOST");

    long started = System.nanoTime();
    boolean answers = DockerAvailability.answers();

    assertThat(answers).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DockerAvailability.TIMEOUT);
  }

  @Test
  void aProbeThatHangsIsAbandonedAtTheTimeout() {
    long started = System.nanoTime();
    DockerAvailability.Answer answer = DockerAvailability.ask(() -> {
      Thread.sleep(60_000);
      return null;
    }, Duration.ofMillis(300));

    assertThat(answer.answers()).isFalse();
    assertThat(answer.reason()).contains("no answer within");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aProbeThatFailsGivesItsMessageAsTheReason() {
    DockerAvailability.Answer answer = DockerAvailability.ask(() -> {
      throw new IllegalStateException("Could not find a valid Docker environment");
    }, Duration.ofSeconds(5));

    assertThat(answer.answers()).isFalse();
    assertThat(answer.reason()).isEqualTo("IllegalStateException: Could not find a valid Docker environment");
  }

  @Test
  void aProbeThatReturnsMeansAnEngineAnswered() {
    assertThat(DockerAvailability.ask(() -> "transport", Duration.ofSeconds(5)).answers()).isTrue();
  }

  private static boolean noDockerConfigured() {
    Optional<String> runtimeDir = Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR"));
    return System.getenv("DOCKER_HOST") == null
        && System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null
        && !Files.exists(Path.of("/var/run/docker.sock"))
        && !Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
        && !Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
        && runtimeDir.map(dir -> !Files.exists(Path.of(dir, "docker.sock"))).orElse(true);
  }
}
