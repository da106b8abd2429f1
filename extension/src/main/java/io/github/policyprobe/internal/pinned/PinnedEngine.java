package io.github.policyprobe.internal.pinned;

import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.versions.KubernetesVersions;
import io.github.policyprobe.internal.versions.Versions;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Everything policyprobe pins about the engines it starts, in one place: the release (from
 * {@code versions.properties}, shared with the provisioning script), the Kubernetes minors that
 * release supports, how the local backend builds and runs it, how k3s installs it, and which
 * object kinds it takes into force. Backends, readiness checks and reports read it from here.
 */
public enum PinnedEngine {
  KYVERNO(Engine.KYVERNO, "Kyverno",
      new LocalBuild("kyverno", "github.com/kyverno/kyverno", "kyverno", List.of("crds", "install.yaml")),
      // Kyverno's release asset install.yaml (rendered from its chart, without Helm hooks).
      new K3sInstall("https://github.com/kyverno/kyverno/releases/download/%s/install.yaml", "kyverno",
          // Kyverno registers these itself once its admission controller holds the lease.
          List.of("kyverno-policy-validating-webhook-cfg", "kyverno-resource-validating-webhook-cfg")),
      List.of(new Kinds("kyverno.io", Set.of("ClusterPolicy", "Policy")),
          new Kinds("policies.kyverno.io", Set.of("ValidatingPolicy", "NamespacedValidatingPolicy",
              "MutatingPolicy", "NamespacedMutatingPolicy", "ImageValidatingPolicy",
              "NamespacedImageValidatingPolicy", "GeneratingPolicy", "NamespacedGeneratingPolicy")))),

  GATEKEEPER(Engine.GATEKEEPER, "Gatekeeper",
      new LocalBuild("gatekeeper", "github.com/open-policy-agent/gatekeeper/v3", "manager", List.of("gatekeeper.yaml")),
      // deploy/gatekeeper.yaml at the release tag.
      new K3sInstall("https://raw.githubusercontent.com/open-policy-agent/gatekeeper/%s/deploy/gatekeeper.yaml",
          "gatekeeper-system",
          // Shipped without a caBundle; Gatekeeper's cert rotator fills it in.
          List.of("gatekeeper-validating-webhook-configuration")),
      List.of(new Kinds("templates.gatekeeper.sh", Set.of("ConstraintTemplate")),
          new Kinds("constraints.gatekeeper.sh", Set.of()),
          new Kinds("mutations.gatekeeper.sh", Set.of()),
          new Kinds("config.gatekeeper.sh", Set.of("Config"))));

  /**
   * How the local backend gets the engine: {@code engine-binaries.sh <scriptName>} builds
   * {@code module} at the pinned version into the cache, with {@code executable} and the
   * {@code runtimeFiles} it needs beside it.
   */
  public record LocalBuild(String scriptName, String module, String executable, List<String> runtimeFiles) {}

  /**
   * How k3s installs the engine: the release's install manifest (a URL pattern with the version
   * for %s), the namespace it installs into, and the validating webhook configurations that exist,
   * each with a CA bundle, once the engine decides.
   */
  public record K3sInstall(String manifestUrlOfVersion, String namespace,
      List<String> validatingWebhookConfigurations) {}

  /** Object kinds of one API group that the engine takes into force; empty: every kind of the group. */
  public record Kinds(String group, Set<String> kinds) {
    boolean contains(String apiGroup, String kind) {
      return group.equals(apiGroup) && (kinds.isEmpty() || kinds.contains(kind));
    }
  }

  private final Engine engine;
  private final String displayName;
  private final String version;
  private final LocalBuild localBuild;
  private final K3sInstall k3sInstall;
  private final List<Kinds> objectKinds;

  PinnedEngine(Engine engine, String displayName, LocalBuild localBuild, K3sInstall k3sInstall,
      List<Kinds> objectKinds) {
    this.engine = engine;
    this.displayName = displayName;
    this.version = Versions.get(propertyKey()).orElseThrow(
        () -> new IllegalStateException("versions.properties names no release of " + displayName));
    this.localBuild = localBuild;
    this.k3sInstall = k3sInstall;
    this.objectKinds = objectKinds;
  }

  public static PinnedEngine of(Engine engine) {
    return Arrays.stream(values()).filter(pinned -> pinned.engine == engine).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(engine + " is not an engine policyprobe starts"));
  }

  /** The engine that takes an object of this API group and kind into force, if any. */
  public static Optional<PinnedEngine> owning(String apiGroup, String kind) {
    return Arrays.stream(values())
        .filter(pinned -> pinned.objectKinds.stream().anyMatch(kinds -> kinds.contains(apiGroup, kind)))
        .findFirst();
  }

  public Engine engine() {
    return engine;
  }

  /** The pinned release, such as v1.19.0. */
  public String version() {
    return version;
  }

  public LocalBuild localBuild() {
    return localBuild;
  }

  public K3sInstall k3sInstall() {
    return k3sInstall;
  }

  /** Where the release's install manifest is downloaded from. */
  public URI installManifest() {
    return URI.create(String.format(k3sInstall.manifestUrlOfVersion(), version));
  }

  /**
   * Why this release is not stated to support Kubernetes {@code kubernetesVersion}, or empty when
   * it is: the engine's own compatibility statement, as {@code versions.properties} records it.
   */
  public Optional<String> unsupportedOn(String kubernetesVersion) {
    Optional<String> range = Versions.get(propertyKey() + ".kubernetes");
    if (range.isEmpty()) {
      return Optional.empty();
    }
    String[] bounds = range.get().split("-");
    String minor = KubernetesVersions.minorOf(kubernetesVersion);
    if (KubernetesVersions.compareMinors(minor, bounds[0]) >= 0 && KubernetesVersions.compareMinors(minor, bounds[1]) <= 0) {
      return Optional.empty();
    }
    return Optional.of(this + " states support for Kubernetes " + bounds[0] + " to " + bounds[1] + ", not "
        + minor + ": its verdicts here are what that release does on " + kubernetesVersion
        + ", outside what its authors test");
  }

  private String propertyKey() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Name and release, such as {@code Kyverno v1.19.0}: how logs and reports name it. */
  @Override
  public String toString() {
    return displayName + " " + version;
  }
}
