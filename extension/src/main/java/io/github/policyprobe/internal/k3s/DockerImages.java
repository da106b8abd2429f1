package io.github.policyprobe.internal.k3s;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientConfigUtils;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Whether an image is present in the Docker engine, or can be pulled now. Asks through a client of
 * its own on Testcontainers' transport, not through {@code DockerClientFactory.client()}: that one
 * starts Ryuk first, and Ryuk's own image is one of the images this is asked about.
 */
final class DockerImages {
  private static final Logger LOG = LoggerFactory.getLogger(DockerImages.class);

  private DockerImages() {}

  /** The name Testcontainers will really use (its image name substitutor, a prefix, applied). */
  static String substituted(String image) {
    return ImageNameSubstitutor.instance().apply(DockerImageName.parse(image)).asCanonicalNameString();
  }

  /**
   * The tiny image Testcontainers runs for itself before a k3s container: DockerClientFactory's
   * private TINY_IMAGE (not the configurable tinyimage, which it does not use for this).
   */
  static String tinyImage() {
    try {
      Field field = DockerClientFactory.class.getDeclaredField("TINY_IMAGE");
      field.setAccessible(true);
      return ((DockerImageName) field.get(null)).asCanonicalNameString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "alpine:3.17"; // its value in Testcontainers 2.0
    }
  }

  /**
   * Why Testcontainers will run its tiny image before k3s, if it will: its start-up checks test
   * file mounting before the first container with a bind (K3sContainer binds /sys/fs/cgroup)
   * unless checks are off; and inside a container (Docker-in-Docker CI, dev containers) talking to
   * a local socket, without TESTCONTAINERS_HOST_OVERRIDE and without a gateway in the bridge
   * network's configuration, it asks that image for the Docker host's address. A pull that cannot
   * happen stalls the start for minutes, so it is asked about first.
   */
  static Optional<String> tinyImagePurpose() {
    List<String> purposes = new ArrayList<>();
    if (!TestcontainersConfiguration.getInstance().isDisableChecks()) {
      purposes.add("for its start-up check of file mounting");
    }
    if (hostAddressLookupNeeded()) {
      purposes.add("to find the Docker host's address from inside this container");
    }
    return purposes.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", purposes));
  }

  private static boolean hostAddressLookupNeeded() {
    String scheme = DockerClientFactory.instance().getTransportConfig().getDockerHost().getScheme();
    String override = System.getenv("TESTCONTAINERS_HOST_OVERRIDE");
    if (!DockerClientConfigUtils.IN_A_CONTAINER || (override != null && !override.isBlank())
        || !("unix".equals(scheme) || "npipe".equals(scheme))) {
      return false;
    }
    try (DockerClient client =
        DockerClientProviderStrategy.getClientForConfig(DockerClientFactory.instance().getTransportConfig())) {
      return client.inspectNetworkCmd().withNetworkId("bridge").exec().getIpam().getConfig().stream()
          .noneMatch(config -> config.getGateway() != null);
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /** Empty when the image is present or was pulled within {@code pullTimeout}; else why not. */
  static Optional<String> unavailable(String image, Duration pullTimeout) {
    DockerImageName name = DockerImageName.parse(image);
    try (DockerClient client =
        DockerClientProviderStrategy.getClientForConfig(DockerClientFactory.instance().getTransportConfig())) {
      try {
        client.inspectImageCmd(name.asCanonicalNameString()).exec();
        return Optional.empty();
      } catch (NotFoundException absent) {
        LOG.info("Pulling {} (not present in the Docker engine; at most {} s)", image, pullTimeout.toSeconds());
      }
      QuietPull pull = client.pullImageCmd(name.getUnversionedPart())
          .withTag(name.getVersionPart())
          .exec(new QuietPull());
      if (!pull.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        pull.close();
        return Optional.of("the pull did not finish within " + pullTimeout.toSeconds() + " s");
      }
      return pull.error();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while pulling it");
    } catch (IOException | RuntimeException e) {
      return Optional.of(RootCause.describe(e));
    }
  }

  /**
   * Collects a pull's failure instead of logging it: docker-java's own callbacks log a failed pull
   * as an ERROR with a stack trace, which on a machine without registry access would greet every
   * AUTO run, although falling back is the expected outcome there.
   */
  private static final class QuietPull extends ResultCallback.Adapter<PullResponseItem> {
    private volatile String error;

    @Override
    public void onNext(PullResponseItem item) {
      if (item.isErrorIndicated() && error == null) {
        error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
            ? item.getErrorDetail().getMessage() : item.getError();
      }
    }

    @Override
    public void onError(Throwable e) {
      if (error == null) {
        error = RootCause.describe(e);
      }
      try {
        close();
      } catch (IOException closing) {
        LOG.debug("closing a failed pull", closing);
      }
    }

    Optional<String> error() {
      return Optional.ofNullable(error);
    }
  }
}
