package io.github.policyprobe.junit;

import io.github.policyprobe.cluster.ClusterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a {@link ClusterSpec} from {@link PolicyCluster} and the run's settings. */
public final class ClusterSpecs {
  /** Points every suite at an existing cluster: a kubeconfig path. */
  public static final String KUBECONFIG_PROPERTY = "policyprobe.kubeconfig";
  public static final String KUBECONFIG_ENV = "POLICYPROBE_KUBECONFIG";

  private ClusterSpecs() {}

  public static ClusterSpec from(PolicyCluster annotation) {
    ClusterSpec spec = ClusterSpec.defaults()
        .withBackend(annotation.backend())
        .withManifests(List.of(annotation.manifests()))
        .withAdmissionConfig(annotation.admissionConfig())
        .withApiServerArgs(List.of(annotation.apiServerArgs()))
        .withEngines(Set.copyOf(Arrays.asList(annotation.engines())));
    if (!annotation.kubernetesVersion().isBlank()) {
      spec = spec.withKubernetesVersion(annotation.kubernetesVersion());
    }
    if (!annotation.k3sImage().isBlank()) {
      spec = spec.withK3sImage(annotation.k3sImage());
    }
    if (annotation.readyTimeoutSeconds() > 0) {
      spec = spec.withReadyTimeout(Duration.ofSeconds(annotation.readyTimeoutSeconds()));
    }
    Optional<String> existing = existingKubeconfig();
    if (existing.isPresent()) {
      spec = spec.withExistingKubeconfig(existing.get(), annotation.applyToExisting());
    }
    return spec;
  }

  static Optional<String> existingKubeconfig() {
    return Optional.ofNullable(System.getProperty(KUBECONFIG_PROPERTY))
        .or(() -> Optional.ofNullable(System.getenv(KUBECONFIG_ENV)))
        .filter(value -> !value.isBlank());
  }
}
