package io.github.policyprobe.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A product's requirements as shipped in this library: YAML profiles under
 * {@code io/github/policyprobe/profiles/}, one per workload (or per chart option), each row naming
 * the chart, version and template it comes from. {@link Profiles} is the entry point.
 */
public final class ShippedProfile {
  static final String FOLDER = "io/github/policyprobe/profiles/";

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

  /** The profile files it is made of, such as {@code velero-server.yaml}. */
  public List<String> parts() {
    return parts;
  }

  /** Every requirement of every part, in order. */
  public List<Requirement> requirements() {
    List<Requirement> all = new ArrayList<>();
    for (String part : parts) {
      all.addAll(load(part).requirements());
    }
    return all;
  }

  /** The requirements, placed in the namespace the product is installed in. */
  public RequirementProfile installedIn(String namespace) {
    return RequirementProfile.builder(name).installedIn(namespace).requirements(requirements()).build();
  }

  static RequirementProfile load(String part) {
    String resource = FOLDER + part;
    try (InputStream in = ShippedProfile.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("The shipped profile " + resource + " is missing from the class path");
      }
      return ProfileYaml.parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the shipped profile " + resource, e);
    }
  }

  @Override
  public String toString() {
    return "ShippedProfile[" + name + ", " + String.join(", ", parts) + "]";
  }
}
