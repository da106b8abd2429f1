package io.github.policyprobe.k3s;

import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.engines.EngineVersions;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The pinned engine releases installed on k3s from their official install manifests, and what
 * shows that each one runs. The versions are the local backend's ({@link EngineVersions}), so both
 * backends run the same engines. The manifests name the engines' images; k3s pulls them.
 */
public enum EngineRelease {
  /** Kyverno's release asset install.yaml (rendered from its Helm chart, without Helm hooks). */
  KYVERNO(Engine.KYVERNO, "Kyverno", EngineVersions.KYVERNO,
      "https://github.com/kyverno/kyverno/releases/download/%s/install.yaml",
      "kyverno",
      // Kyverno registers these itself once its admission controller holds the lease.
      List.of("kyverno-policy-validating-webhook-cfg", "kyverno-resource-validating-webhook-cfg")),

  /** Gatekeeper's deploy/gatekeeper.yaml at the release tag. */
  GATEKEEPER(Engine.GATEKEEPER, "Gatekeeper", EngineVersions.GATEKEEPER,
      "https://raw.githubusercontent.com/open-policy-agent/gatekeeper/%s/deploy/gatekeeper.yaml",
      "gatekeeper-system",
      // Shipped in the manifest without a caBundle; Gatekeeper's cert rotator fills it in.
      List.of("gatekeeper-validating-webhook-configuration"));

  private final Engine engine;
  private final String displayName;
  private final String version;
  private final URI manifest;
  private final String namespace;
  private final List<String> validatingWebhookConfigurations;

  EngineRelease(Engine engine, String displayName, String version, String manifestUrlOfVersion,
      String namespace, List<String> validatingWebhookConfigurations) {
    this.engine = engine;
    this.displayName = displayName;
    this.version = version;
    this.manifest = URI.create(String.format(manifestUrlOfVersion, version));
    this.namespace = namespace;
    this.validatingWebhookConfigurations = validatingWebhookConfigurations;
  }

  public static EngineRelease of(Engine engine) {
    for (EngineRelease release : values()) {
      if (release.engine == engine) {
        return release;
      }
    }
    throw new IllegalArgumentException("No pinned k3s install manifest for " + engine);
  }

  public Engine engine() {
    return engine;
  }

  public String version() {
    return version;
  }

  /** Where the official install manifest is downloaded from. */
  public URI manifest() {
    return manifest;
  }

  /** The namespace the manifest installs into; its Deployments must all become available. */
  public String namespace() {
    return namespace;
  }

  /** Validating webhook configurations that exist, each webhook with a CA bundle, once it decides. */
  public List<String> validatingWebhookConfigurations() {
    return validatingWebhookConfigurations;
  }

  /** The manifest's file name in policyprobe's cache, such as {@code kyverno-v1.19.0.yaml}. */
  String cacheFileName() {
    return name().toLowerCase(Locale.ROOT) + "-" + version + ".yaml";
  }

  @Override
  public String toString() {
    return displayName + " " + version;
  }
}
