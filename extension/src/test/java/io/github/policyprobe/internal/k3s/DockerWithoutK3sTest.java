package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.dockerjava.api.model.Container;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.cluster.BackendChoice;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.internal.versions.Versions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Docker answers, but k3s cannot run: an image that cannot be pulled, a container that is refused
 * or exits at once. What users with Docker meet first, tested against a real Docker engine (on
 * our machines: unprivileged containers only, nothing can be pulled).
 */
@EnabledIfDockerAnswers
class DockerWithoutK3sTest {
  /** Its host cannot resolve anywhere (.invalid), so no runner can pull it. */
  private static final String UNPULLABLE = "policyprobe.invalid/k3s:" + Versions.KUBERNETES + "-k3s1";
  private static final Duration SECONDS_NOT_MINUTES = Duration.ofSeconds(30);

  @Test
  void autoFallsBackToTheLocalControlPlaneAndSaysWhyInOneLine() {
    ClusterSpec spec = ClusterSpec.defaults().withK3sImage(UNPULLABLE);

    BackendChoice choice = Clusters.choose(spec);
    try (RunningCluster cluster = Clusters.start(spec)) {
      assertThat(cluster.backend()).isEqualTo(Backend.LOCAL);
    }

    assertThat(choice.backend()).isEqualTo(Backend.LOCAL);
    assertThat(choice.why()).startsWith("AUTO backend: the local control plane, because k3s cannot start here: ")
        .containsAnyOf("the k3s image " + UNPULLABLE + " is not present and could not be pulled (",
            "Testcontainers' Ryuk image")
        .doesNotContain("\n");
  }

  @Test
  void autoFallsBackWhenTheDockerEngineRefusesTheK3sContainerAndRemembersIt() {
    String image = ScratchImage.notK3s();
    ClusterSpec spec = ClusterSpec.defaults().withK3sImage(image);
    assertThat(Clusters.choose(spec).backend()).as("the preflight passes: the image is present").isEqualTo(Backend.K3S);

    try (RunningCluster cluster = Clusters.start(spec)) {
      assertThat(cluster.backend()).isEqualTo(Backend.LOCAL);
    }

    BackendChoice later = Clusters.choose(spec);
    assertThat(later.backend()).isEqualTo(Backend.LOCAL);
    assertThat(later.why())
        .startsWith("AUTO backend: the local control plane, because the Docker engine refused the k3s container ("
            + image + "): ")
        .containsAnyOf("executable file not found", "unable to apply caps")
        .doesNotContain("\n");
    assertThat(containersOf(image)).isEmpty();
  }

  @Test
  void explicitK3sFailsWithinSecondsNamingTheCauseFirstThenTheRemedies() {
    ClusterSpec spec = ClusterSpec.defaults().withBackend(Backend.K3S).withK3sImage(UNPULLABLE);

    long started = System.nanoTime();
    ClusterStartException e = catchThrowableOfType(ClusterStartException.class, () -> new K3sBackend().start(spec));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SECONDS_NOT_MINUTES);
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith("k3s cannot start here: ")
        .containsAnyOf("the k3s image " + UNPULLABLE + " is not present and could not be pulled (",
            "Testcontainers' Ryuk image");
    assertThat(e.getMessage().indexOf("Remedies: use @PolicyCluster(backend = LOCAL)"))
        .isGreaterThan(e.getMessage().indexOf("could not be pulled"));
    assertThat(e.getMessage()).contains("TESTCONTAINERS_RYUK_DISABLED=true").contains("k3sImage");
  }

  /**
   * An image that is present but no k3s: here Docker refuses the privileged container ("unable to
   * apply caps"); where privileged containers run, the stand-in exits at once on k3s's flags. Either
   * way the start fails in seconds with Docker's or the container's own words, and no container is
   * left behind.
   */
  @Test
  void aContainerThatCannotRunK3sFailsWithinSecondsWithTheRealCauseAndLeavesNothing() {
    String image = ScratchImage.built();
    ClusterSpec spec = ClusterSpec.defaults().withBackend(Backend.K3S).withK3sImage(image);

    long started = System.nanoTime();
    ClusterStartException e = catchThrowableOfType(ClusterStartException.class, () -> new K3sBackend().start(spec));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SECONDS_NOT_MINUTES);
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith("k3s (" + image + ") did not start: ");
    assertThat(e.getMessage().lines().findFirst().orElseThrow())
        .matches(".*(unable to apply caps|the container exited during startup with code [1-9]\\d*).*");
    assertThat(e.getMessage()).contains("Remedies:");
    assertThat(containersOf(image)).isEmpty();
    // Explicit K3S never falls back, whatever the engine's reason.
    assertThatThrownBy(() -> Clusters.start(spec)).isInstanceOf(ClusterStartException.class);
  }

  @Test
  void aWaitForALogLineEndsAsSoonAsTheContainerExits() {
    String image = ScratchImage.built();
    try (GenericContainer<?> exiting = new GenericContainer<>(DockerImageName.parse(image))
        .withCommand("/bin/server", "--no-such-flag")
        .waitingFor(new StopWaitingOnExit(Wait.forLogMessage(".*a line that never comes.*", 1)))
        .withStartupTimeout(Duration.ofMinutes(3))
        .withStartupCheckStrategy(new ExitReportedByTheWait())) {

      long started = System.nanoTime();
      RuntimeException e = catchThrowableOfType(RuntimeException.class, exiting::start);

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SECONDS_NOT_MINUTES);
      assertThat(e).isNotNull();
      assertThat(RootCause.describe(e)).isEqualTo("the container exited during startup with code 2");
      // The error K3sBackend builds quotes what the container said before it exited.
      assertThat(K3sBackend.lastLines(e, new ContainerLogTail(40)))
          .contains("  | flag provided but not defined: -no-such-flag");
    }
  }

  @Test
  void aK3sClusterWhoseContainerWasKilledIsReportedDead() {
    String image = ScratchImage.built();
    GenericContainer<?> running = new GenericContainer<>(DockerImageName.parse(image))
        .withCommand("/bin/server", "--data-dir=/tmp/etcd")
        .waitingFor(new StopWaitingOnExit(Wait.forLogMessage(".*ready to serve client requests.*", 1)));
    running.start();
    K3sCluster cluster = new K3sCluster(running, "kubeconfig of a stand-in");
    try {
      assertThat(cluster.whatDied()).isEmpty();
      assertThat(cluster.isHealthy()).isTrue();
      assertThat(cluster.apiServerLog()).as("the container's log, where k3s's API server logs")
          .anySatisfy(line -> assertThat(line).contains("ready to serve client requests"));

      running.getDockerClient().killContainerCmd(running.getContainerId()).exec();

      Optional<String> death = awaitDeath(cluster);
      assertThat(death).hasValueSatisfying(what -> assertThat(what)
          .startsWith("the k3s container " + running.getContainerId().substring(0, 12) + " is not running (exited,")
          .contains("exit code 137"));
      assertThat(cluster.isHealthy()).isFalse();
    } finally {
      cluster.close();
    }
    assertThat(cluster.whatDied()).contains("the k3s container was stopped");
    assertThat(containersOf(image)).isEmpty();
  }

  /** A running answer is trusted for a second, so the death shows within about that. */
  private static Optional<String> awaitDeath(K3sCluster cluster) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Optional<String> death = cluster.whatDied();
    while (death.isEmpty() && System.nanoTime() < deadline) {
      sleep(200);
      death = cluster.whatDied();
    }
    return death;
  }

  private static List<Container> containersOf(String image) {
    return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true).exec().stream()
        .filter(container -> image.equals(container.getImage()))
        .toList();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
