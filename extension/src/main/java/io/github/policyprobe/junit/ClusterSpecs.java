package io.github.policyprobe.junit;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.versions.KubernetesVersions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Reads a {@link ClusterSpec} from {@link PolicyCluster} and the run's settings. */
final class ClusterSpecs {
  /** Points every suite at an existing cluster: a kubeconfig path. */
  public static final String KUBECONFIG_PROPERTY = "policyprobe.kubeconfig";
  public static final String KUBECONFIG_ENV = "POLICYPROBE_KUBECONFIG";
  /**
   * Decides what {@code backend = AUTO} means for the whole run, for a machine where Docker
   * answers but cannot run k3s (no privileged containers, no image in a closed network).
   */
  public static final String BACKEND_PROPERTY = "policyprobe.backend";
  public static final String BACKEND_ENV = "POLICYPROBE_BACKEND";

  private ClusterSpecs() {}

  /** The class's {@code @PolicyCluster}; nested classes inherit the one of the class they are declared in. */
  public static Optional<PolicyCluster> annotationOf(Class<?> testClass) {
    return NearestAnnotation.of(testClass, PolicyCluster.class);
  }

  /** The spec of the class's first (or only) Kubernetes version. */
  public static ClusterSpec from(PolicyCluster annotation) {
    return from(annotation, kubernetesVersions(annotation).get(0));
  }

  /** One spec per Kubernetes version the class runs on, in the order they run. */
  public static List<ClusterSpec> allFrom(PolicyCluster annotation) {
    return kubernetesVersions(annotation).stream().map(version -> from(annotation, version)).toList();
  }

  /** The spec of the class on {@code kubernetesVersion} (a release, or a minor such as 1.36). */
  public static ClusterSpec from(PolicyCluster annotation, String kubernetesVersion) {
    ClusterSpec spec = ClusterSpec.defaults()
        .withBackend(backend(annotation.backend(), configuredBackend()))
        .withManifests(List.of(annotation.manifests()))
        .withAdmissionConfig(annotation.admissionConfig())
        .withApiServerArgs(List.of(annotation.apiServerArgs()))
        .withEngines(Set.copyOf(Arrays.asList(annotation.engines())))
        .withEngineValues(Engine.KYVERNO, annotation.kyvernoValues())
        .withEngineValues(Engine.GATEKEEPER, annotation.gatekeeperValues())
        .withKubernetesVersion(kubernetesVersion);
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

  /**
   * The Kubernetes releases a class runs on, in order. What the class names wins: its
   * {@code kubernetesVersions}, else its {@code kubernetesVersion}, else the release its
   * {@code k3sImage}'s tag names. Else the run's settings:
   * {@code policyprobe.kubernetesVersions} (a matrix), else {@code policyprobe.kubernetesVersion},
   * else the pinned default. An existing cluster runs once, on whatever version it has.
   */
  public static List<String> kubernetesVersions(PolicyCluster annotation) {
    try {
      if (annotation.kubernetesVersions().length > 0 && !annotation.kubernetesVersion().isBlank()) {
        throw new IllegalArgumentException("@PolicyCluster names both kubernetesVersion and kubernetesVersions;"
            + " give one: a single version, or the list of versions to run on");
      }
      if (existingKubeconfig().isPresent()) {
        return List.of(ClusterSpec.defaults().kubernetesVersion());
      }
      if (annotation.kubernetesVersions().length > 0) {
        return KubernetesVersions.resolveAll(String.join(",", annotation.kubernetesVersions()));
      }
      if (!annotation.kubernetesVersion().isBlank()) {
        return List.of(KubernetesVersions.resolve(annotation.kubernetesVersion()));
      }
      // a k3s image alone names its release in its tag: the version-dependent settings follow it
      Optional<String> imageVersion = KubernetesVersions.ofK3sImage(annotation.k3sImage());
      if (imageVersion.isPresent()) {
        return List.of(imageVersion.get());
      }
      List<String> matrix = setting(KubernetesVersions.MATRIX_PROPERTY).map(KubernetesVersions::resolveAll)
          .orElse(List.of());
      if (!matrix.isEmpty()) {
        return matrix;
      }
      return List.of(setting(KubernetesVersions.VERSION_PROPERTY).map(KubernetesVersions::resolve)
          .orElse(ClusterSpec.defaults().kubernetesVersion()));
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(e.getMessage(), e);
    }
  }

  private static Optional<String> setting(String property) {
    return Optional.ofNullable(System.getProperty(property)).filter(value -> !value.isBlank());
  }

  /** An explicit {@code backend} in the annotation wins; only AUTO follows the run's setting. */
  static Backend backend(Backend annotated, Optional<String> configured) {
    if (annotated != Backend.AUTO || configured.isEmpty()) {
      return annotated;
    }
    String value = configured.get().strip().toUpperCase(Locale.ROOT);
    return Stream.of(Backend.AUTO, Backend.K3S, Backend.LOCAL)
        .filter(choice -> choice.name().equals(value))
        .findFirst()
        .orElseThrow(() -> new ExtensionConfigurationException(BACKEND_PROPERTY + " (or " + BACKEND_ENV
            + ") is '" + configured.get() + "'; expected one of "
            + Stream.of(Backend.AUTO, Backend.K3S, Backend.LOCAL).map(b -> b.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))
            + " (an existing cluster is chosen with " + KUBECONFIG_PROPERTY + ")"));
  }

  private static Optional<String> configuredBackend() {
    return Optional.ofNullable(System.getProperty(BACKEND_PROPERTY))
        .or(() -> Optional.ofNullable(System.getenv(BACKEND_ENV)))
        .filter(value -> !value.isBlank());
  }

  static Optional<String> existingKubeconfig() {
    return Optional.ofNullable(System.getProperty(KUBECONFIG_PROPERTY))
        .or(() -> Optional.ofNullable(System.getenv(KUBECONFIG_ENV)))
        .filter(value -> !value.isBlank());
  }
}
