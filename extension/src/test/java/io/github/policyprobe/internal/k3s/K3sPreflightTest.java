package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision from what was observed; the observations themselves run against Docker elsewhere. */
class K3sPreflightTest {
  private static final String K3S = "rancher/k3s:v1.34.4-k3s1";
  private static final String RYUK = "testcontainers/ryuk:0.13.0";
  private final List<String> asked = new ArrayList<>();

  private static final String TINY = "alpine:3.17";

  private K3sPreflight.Facts facts(boolean dockerAnswers, boolean ryukDisabled, List<String> unpullable) {
    return facts(dockerAnswers, ryukDisabled, Optional.empty(), unpullable);
  }

  private K3sPreflight.Facts facts(boolean dockerAnswers, boolean ryukDisabled, Optional<String> tinyImagePurpose,
      List<String> unpullable) {
    return new K3sPreflight.Facts(
        new DockerAvailability.Answer(dockerAnswers, dockerAnswers ? "answered" : "IllegalStateException: no socket"),
        ryukDisabled, RYUK, TINY, () -> tinyImagePurpose, image -> {
          asked.add(image);
          return unpullable.contains(image) ? Optional.of("no such host") : Optional.empty();
        });
  }

  @Test
  void withoutDockerNoImageIsAskedAbout() {
    K3sPreflight.Outcome outcome = K3sPreflight.decide(K3S, facts(false, false, List.of()));

    assertThat(outcome.cause()).contains("no Docker engine answered (IllegalStateException: no socket)");
    assertThat(asked).isEmpty();
  }

  @Test
  void anUnpullableRyukIsNamedBeforeTheK3sImage() {
    K3sPreflight.Outcome outcome = K3sPreflight.decide(K3S, facts(true, false, List.of(RYUK, K3S)));

    assertThat(outcome.cause()).contains("Testcontainers' Ryuk image " + RYUK
        + " is not present and could not be pulled (no such host)");
  }

  @Test
  void aDisabledRyukIsNotAskedForAndTheK3sImageDecides() {
    K3sPreflight.Outcome outcome = K3sPreflight.decide(K3S, facts(true, true, List.of(RYUK, K3S)));

    assertThat(outcome.cause()).contains("the k3s image " + K3S + " is not present and could not be pulled (no such host)");
    assertThat(asked).containsExactly(K3S);
  }

  @Test
  void theTinyImageTestcontainersRunsForItselfIsCheckedWhenItWillRunIt() {
    K3sPreflight.Outcome outcome = K3sPreflight.decide(K3S,
        facts(true, true, Optional.of("for its start-up check of file mounting"), List.of(TINY)));

    assertThat(outcome.cause()).contains("Testcontainers needs its image " + TINY + " for its start-up check of"
        + " file mounting, but it is not present and could not be pulled (no such host)");
    assertThat(asked).containsExactly(TINY);
  }

  @Test
  void theContainerChecksAloneAskAboutNoK3sImage() {
    K3sPreflight.Outcome outcome = K3sPreflight.decide("", facts(true, false, Optional.of("for checks"), List.of(K3S)));

    assertThat(outcome.ready()).isTrue();
    assertThat(asked).containsExactly(RYUK, TINY);
  }

  @Test
  void dockerRyukAndImageAvailableMeansReady() {
    K3sPreflight.Outcome outcome = K3sPreflight.decide(K3S, facts(true, false, List.of()));

    assertThat(outcome.ready()).isTrue();
    assertThat(asked).containsExactly(RYUK, K3S);
  }

  @Test
  void theRemediesNameEveryWayOut() {
    assertThat(K3sPreflight.remedies(K3S))
        .contains("backend = LOCAL")
        .contains("TESTCONTAINERS_RYUK_DISABLED=true")
        .contains("TESTCONTAINERS_HOST_OVERRIDE")
        .contains("TESTCONTAINERS_CHECKS_DISABLE=true")
        .contains("k3sImage")
        .contains(K3S);
  }
}
