package io.github.policyprobe.junit;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.Engine;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/** Reads a {@link ClusterSpec} from {@link PolicyCluster} and the run's settings. */
public final class ClusterSpecs {
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
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      Optional<PolicyCluster> annotation = AnnotationSupport.findAnnotation(type, PolicyCluster.class);
      if (annotation.isPresent()) {
        return annotation;
      }
    }
    return Optional.empty();
  }

  public static ClusterSpec from(PolicyCluster annotation) {
    ClusterSpec spec = ClusterSpec.defaults()
        .withBackend(backend(annotation.backend(), configuredBackend()))
        .withManifests(List.of(annotation.manifests()))
        .withAdmissionConfig(annotation.admissionConfig())
        .withApiServerArgs(List.of(annotation.apiServerArgs()))
        .withEngines(Set.copyOf(Arrays.asList(annotation.engines())))
        .withEngineValues(Engine.KYVERNO, annotation.kyvernoValues())
        .withEngineValues(Engine.GATEKEEPER, annotation.gatekeeperValues());
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
