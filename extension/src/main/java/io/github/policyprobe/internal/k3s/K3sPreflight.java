package io.github.policyprobe.internal.k3s;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Whether k3s can start here, asked before any container exists: a Docker engine answers, the
 * images Testcontainers runs for itself (Ryuk, its reaper; its tiny image for checks and address
 * lookup) are present or pullable or not needed, and the k3s image is present or can be pulled.
 * A Docker engine alone is not enough: an air-gapped runner, a proxy that blocks the registry or a
 * pull rate limit would otherwise send AUTO to k3s and fail there. Answers are cached per JVM.
 */
public final class K3sPreflight {
  /** The k3s image is about 70 MB; a pull that takes longer counts as impossible. */
  static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);
  static final String RYUK_DISABLED = "TESTCONTAINERS_RYUK_DISABLED";

  private static final Map<String, Outcome> OUTCOMES = new ConcurrentHashMap<>();
  private static final String NO_IMAGE = "";

  private K3sPreflight() {}

  /** Ready, or the first reason k3s cannot start, phrased to follow "k3s cannot start here: ". */
  public record Outcome(Optional<String> cause) {
    public boolean ready() {
      return cause.isEmpty();
    }
  }

  /** What was found out about this machine, in the order it is asked. */
  record Facts(DockerAvailability.Answer docker, boolean ryukDisabled, String ryukImage,
      String tinyImage, Supplier<Optional<String>> tinyImagePurpose,
      Function<String, Optional<String>> imageUnavailable) {}

  /** The outcome for {@code image}, as Testcontainers will name it (substitutor applied). */
  public static Outcome check(String image) {
    return OUTCOMES.computeIfAbsent(image, key -> decide(key, observe()));
  }

  /** Whether Testcontainers can run any container here: Docker answers, Ryuk can run or is off. */
  public static Outcome containersCanRun() {
    return OUTCOMES.computeIfAbsent(NO_IMAGE, key -> decide(key, observe()));
  }

  private static Facts observe() {
    return new Facts(
        DockerAvailability.check(),
        Boolean.parseBoolean(System.getenv(RYUK_DISABLED)),
        TestcontainersConfiguration.getInstance().getRyukImage(),
        DockerImages.tinyImage(),
        DockerImages::tinyImagePurpose,
        name -> DockerImages.unavailable(DockerImages.substituted(name), PULL_TIMEOUT));
  }

  /**
   * The first failing condition wins; images are asked about only where Docker answers; an empty
   * {@code image} asks about Docker and Ryuk only.
   */
  static Outcome decide(String image, Facts facts) {
    if (!facts.docker().answers()) {
      return new Outcome(Optional.of("no Docker engine answered (" + facts.docker().reason() + ")"));
    }
    if (!facts.ryukDisabled()) {
      Optional<String> ryuk = facts.imageUnavailable().apply(facts.ryukImage());
      if (ryuk.isPresent()) {
        return new Outcome(Optional.of("Testcontainers' Ryuk image " + facts.ryukImage()
            + " is not present and could not be pulled (" + ryuk.get() + ")"));
      }
    }
    Optional<String> purpose = facts.tinyImagePurpose().get();
    if (purpose.isPresent()) {
      Optional<String> why = facts.imageUnavailable().apply(facts.tinyImage());
      if (why.isPresent()) {
        return new Outcome(Optional.of("Testcontainers needs its image " + facts.tinyImage() + " "
            + purpose.get() + ", but it is not present and could not be pulled (" + why.get() + ")"));
      }
    }
    if (image.equals(NO_IMAGE)) {
      return new Outcome(Optional.empty());
    }
    return new Outcome(facts.imageUnavailable().apply(image)
        .map(why -> "the k3s image " + image + " is not present and could not be pulled (" + why + ")"));
  }

  /** What a user can do when k3s cannot start; printed after the cause. */
  public static String remedies(String image) {
    return "Remedies: use @PolicyCluster(backend = LOCAL), or AUTO, which falls back to it by itself;"
        + " where Testcontainers' own images cannot be pulled, set " + RYUK_DISABLED + "=true (no Ryuk),"
        + " TESTCONTAINERS_CHECKS_DISABLE=true (no start-up checks) and, inside a container,"
        + " TESTCONTAINERS_HOST_OVERRIDE=<the Docker host's address>; where rancher/k3s"
        + " cannot be pulled, point @PolicyCluster(k3sImage = ...) at a mirror this machine can pull"
        + " (or load the image beforehand: docker load), instead of " + image + ".";
  }
}
