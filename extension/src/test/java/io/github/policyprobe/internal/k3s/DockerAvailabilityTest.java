package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

  /** Testcontainers' discovery, not a list of sockets: whatever the docker command reaches counts. */
  @Test
  void findsTheEngineTheDockerCommandReaches() {
    Optional<String> version = DockerCommand.serverVersion();
    assumeTrue(version.isPresent(), "no docker command here, or no engine answers it");

    DockerAvailability.Answer answer = DockerAvailability.check();

    assertThat(answer.answers()).as("answer (%s) where docker version says %s", answer.reason(), version.get())
        .isTrue();
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
}
