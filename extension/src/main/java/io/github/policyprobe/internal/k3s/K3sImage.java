package io.github.policyprobe.internal.k3s;

import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.versions.KubernetesVersions;
import io.github.policyprobe.internal.versions.Versions;
import java.util.Optional;

/**
 * The k3s image a spec boots. {@code kubernetesVersion} alone selects the first k3s build of that
 * release ({@code rancher/k3s:<version>-k3s1}); {@code k3sImage} alone is used as given (a mirror,
 * another k3s build); both together must name the same Kubernetes release, or the start fails
 * before anything is pulled rather than silently running another version than the one asked for.
 */
public final class K3sImage {
  private K3sImage() {}

  /** The image to boot for {@code spec}. */
  public static String of(ClusterSpec spec) {
    String version = spec.kubernetesVersion();
    if (version.equals(Versions.KUBERNETES)) {
      return spec.k3sImage();
    }
    String matching = KubernetesVersions.k3sImageFor(version);
    if (spec.k3sImage().equals(Versions.K3S_IMAGE)) {
      return matching;
    }
    Optional<String> imageVersion = KubernetesVersions.ofK3sImage(spec.k3sImage());
    if (imageVersion.equals(Optional.of(version))) {
      return spec.k3sImage();
    }
    throw new ClusterStartException("kubernetesVersion " + version + " and k3sImage " + spec.k3sImage()
        + " disagree: the image " + imageVersion.map(v -> "runs Kubernetes " + v)
            .orElse("names no Kubernetes version in its tag (expected <name>:v1.x.y-k3sN)")
        + ". Give one of them: kubernetesVersion alone boots " + matching
        + "; k3sImage alone is booted as given.");
  }
}
