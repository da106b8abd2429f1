package io.github.policyprobe.cluster;

import io.github.policyprobe.internal.versions.KubernetesVersions;
import io.github.policyprobe.internal.versions.Versions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that decides which cluster a test gets. Two test classes whose specs are equal share
 * one cluster, so this is a value: no clients, no files, only what the user wrote.
 *
 * @param backend where the cluster comes from
 * @param kubernetesVersion the Kubernetes release, such as v1.36.3 (README "Test the next Kubernetes
 *     version before you upgrade" lists the known ones)
 * @param k3sImage the k3s image for the K3S backend
 * @param manifests files or folders of YAML, applied in order after boot
 * @param admissionConfig an AdmissionConfiguration file, or empty
 * @param apiServerArgs extra kube-apiserver flags ({@code --feature-gates=...}); passed to k3s as
 *     {@code --kube-apiserver-arg}
 * @param engines webhook engines to start with the cluster
 * @param existingKubeconfig a kubeconfig of a running cluster, used by the EXISTING backend
 * @param applyToExisting whether manifests are applied to an existing cluster (off by default)
 * @param readyTimeout how long each wait may take: boot, CRDs established, policies in force
 * @param engineValues per engine, the Helm values file the team installs it with (the settings
 *     that change admission are applied: README "Engines as the team installs them")
 */
public record ClusterSpec(
    Backend backend,
    String kubernetesVersion,
    String k3sImage,
    List<String> manifests,
    Optional<String> admissionConfig,
    List<String> apiServerArgs,
    Set<Engine> engines,
    Optional<String> existingKubeconfig,
    boolean applyToExisting,
    Duration readyTimeout,
    Map<Engine, String> engineValues) {

  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

  public ClusterSpec {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
    Objects.requireNonNull(k3sImage, "k3sImage");
    manifests = List.copyOf(manifests);
    apiServerArgs = List.copyOf(apiServerArgs);
    engines = Set.copyOf(engines);
    engines.stream().filter(engine -> !engine.startable()).findFirst().ifPresent(engine -> {
      throw new IllegalArgumentException("engines starts KYVERNO and GATEKEEPER; " + engine.name()
          + " (" + engine + ") is part of the API server or runs elsewhere, and needs no starting");
    });
    Objects.requireNonNull(admissionConfig, "admissionConfig");
    Objects.requireNonNull(existingKubeconfig, "existingKubeconfig");
    Objects.requireNonNull(readyTimeout, "readyTimeout");
    engineValues = Map.copyOf(engineValues);
    for (Engine engine : engineValues.keySet()) {
      if (!engines.contains(engine)) {
        throw new IllegalArgumentException("values are given for " + engine + ", which is not among the engines "
            + engines + ": add it to engines, or drop its values");
      }
    }
    if (!kubernetesVersion.matches("v\\d+\\.\\d+\\.\\d+")) {
      throw new IllegalArgumentException(
          "kubernetesVersion must look like v1.36.3, not '" + kubernetesVersion + "'");
    }
  }

  /**
   * The kube-apiserver flags the cluster runs with: policyprobe's for this version
   * (the MutatingAdmissionPolicy gate and API on 1.34 and 1.35), then {@link #apiServerArgs}, so the
   * user's win.
   */
  public List<String> effectiveApiServerArgs() {
    List<String> args = new java.util.ArrayList<>(KubernetesVersions.apiServerDefaults(kubernetesVersion));
    args.addAll(apiServerArgs);
    return List.copyOf(args);
  }

  /** The defaults: AUTO backend, pinned versions, no policies. */
  public static ClusterSpec defaults() {
    return new ClusterSpec(
        Backend.AUTO,
        Versions.KUBERNETES,
        Versions.K3S_IMAGE,
        List.of(),
        Optional.empty(),
        List.of(),
        Set.of(),
        Optional.empty(),
        false,
        DEFAULT_READY_TIMEOUT,
        Map.of());
  }

  /**
   * What needs processes of its own: this spec without its manifests, and with the default
   * readyTimeout (a bound on waits, not a property of a cluster). Specs with equal processes, once
   * AUTO is resolved, can share one running cluster by swapping manifests.
   */
  public ClusterSpec processes() {
    return withManifests(List.of()).withReadyTimeout(DEFAULT_READY_TIMEOUT);
  }

  public ClusterSpec withBackend(Backend value) {
    return new ClusterSpec(value, kubernetesVersion, k3sImage, manifests, admissionConfig,
        apiServerArgs, engines, existingKubeconfig, applyToExisting, readyTimeout, engineValues);
  }

  public ClusterSpec withManifests(List<String> value) {
    return new ClusterSpec(backend, kubernetesVersion, k3sImage, value, admissionConfig,
        apiServerArgs, engines, existingKubeconfig, applyToExisting, readyTimeout, engineValues);
  }

  public ClusterSpec withAdmissionConfig(String value) {
    return new ClusterSpec(backend, kubernetesVersion, k3sImage, manifests,
        Optional.ofNullable(value).filter(v -> !v.isBlank()), apiServerArgs, engines,
        existingKubeconfig, applyToExisting, readyTimeout, engineValues);
  }

  public ClusterSpec withApiServerArgs(List<String> value) {
    return new ClusterSpec(backend, kubernetesVersion, k3sImage, manifests, admissionConfig,
        value, engines, existingKubeconfig, applyToExisting, readyTimeout, engineValues);
  }

  public ClusterSpec withEngines(Set<Engine> value) {
    return new ClusterSpec(backend, kubernetesVersion, k3sImage, manifests, admissionConfig,
        apiServerArgs, value, existingKubeconfig, applyToExisting, readyTimeout, engineValues);
  }

  /** A minor ({@code "1.36"}) means its newest patch policyprobe knows; a release is taken as given. */
  public ClusterSpec withKubernetesVersion(String value) {
    return new ClusterSpec(backend, KubernetesVersions.resolve(value), k3sImage, manifests, admissionConfig,
        apiServerArgs, engines, existingKubeconfig, applyToExisting, readyTimeout, engineValues);
  }

  public ClusterSpec withK3sImage(String value) {
    return new ClusterSpec(backend, kubernetesVersion, value, manifests, admissionConfig,
        apiServerArgs, engines, existingKubeconfig, applyToExisting, readyTimeout, engineValues);
  }

  public ClusterSpec withExistingKubeconfig(String path, boolean apply) {
    return new ClusterSpec(Backend.EXISTING, kubernetesVersion, k3sImage, manifests,
        admissionConfig, apiServerArgs, engines, Optional.of(path), apply, readyTimeout, engineValues);
  }

  /** The engine runs with the settings of a Helm values file (engines must include it). */
  public ClusterSpec withEngineValues(Engine engine, String valuesFile) {
    Map<Engine, String> all = new java.util.HashMap<>(engineValues);
    if (valuesFile == null || valuesFile.isBlank()) {
      all.remove(engine);
    } else {
      all.put(engine, valuesFile);
    }
    return new ClusterSpec(backend, kubernetesVersion, k3sImage, manifests, admissionConfig, apiServerArgs, engines,
        existingKubeconfig, applyToExisting, readyTimeout, all);
  }

  public ClusterSpec withReadyTimeout(Duration value) {
    return new ClusterSpec(backend, kubernetesVersion, k3sImage, manifests, admissionConfig,
        apiServerArgs, engines, existingKubeconfig, applyToExisting, value, engineValues);
  }
}
