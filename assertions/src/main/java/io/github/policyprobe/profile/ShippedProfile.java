package io.github.policyprobe.profile;

import io.github.policyprobe.internal.manifests.Locations;
import java.nio.file.Path;
import java.util.List;

/**
 * A product's requirements as shipped in this library: derived, as
 * {@link RequirementProfile#fromManifests(Path...)} derives them, from the manifests its pinned
 * chart renders, kept under {@code io/github/policyprobe/charts/} with the chart, version, values
 * and command named at the top of each file. {@link Profiles} is the entry point.
 */
public final class ShippedProfile {
  static final String FOLDER = "io/github/policyprobe/charts/";

  private final String name;
  private final List<String> parts;

  ShippedProfile(String name, List<String> parts) {
    this.name = name;
    this.parts = List.copyOf(parts);
  }

  /** The product's name, such as {@code velero}. */
  public String name() {
    return name;
  }

  /** The rendered manifests it is derived from, such as {@code velero-12.1.0.yaml}. */
  public List<String> parts() {
    return parts;
  }

  /** Every requirement derived from every part, in order. */
  public List<Requirement> requirements() {
    return derive().requirements();
  }

  /** The requirements, placed in the namespace the product is installed in. */
  public RequirementProfile installedIn(String namespace) {
    return derive().installedIn(namespace);
  }

  private RequirementProfile derive() {
    List<Path> files = parts.stream().map(ShippedProfile::resource).toList();
    return ManifestProfiles.derive(name, files);
  }

  static Path resource(String part) {
    return Locations.find(FOLDER + part).orElseThrow(() -> new IllegalStateException(
        FOLDER + part + " is not on the class path: the policyprobe-assertions jar is incomplete"));
  }

  @Override
  public String toString() {
    return "ShippedProfile[" + name + ", " + String.join(", ", parts) + "]";
  }
}
