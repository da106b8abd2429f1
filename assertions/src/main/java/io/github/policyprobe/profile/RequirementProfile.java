package io.github.policyprobe.profile;

import io.github.policyprobe.internal.helm.HelmTemplate;
import io.github.policyprobe.internal.versions.Versions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a product needs from a cluster's admission policies, and the namespaces it needs it in:
 * requirements, each placed in the install namespace, the application namespaces, or both. Build
 * one with {@link #builder(String)} or load it from YAML with {@link #fromYaml(Path)};
 * {@link K10Profile} builds the one for Kasten K10.
 */
public final class RequirementProfile {
  private final String name;
  private final String installNamespace;
  private final List<String> applicationNamespaces;
  private final List<Requirement> requirements;
  private final List<String> notes;
  private final ProductRbac rbac;

  private RequirementProfile(String name, String installNamespace,
      List<String> applicationNamespaces, List<Requirement> requirements, List<String> notes, ProductRbac rbac) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A requirement profile needs a name");
    }
    installNamespace = installNamespace == null ? "" : installNamespace;
    if (!installNamespace.isEmpty()) {
      checkNamespace(name, installNamespace);
    }
    applicationNamespaces.forEach(ns -> checkNamespace(name, ns));
    if (requirements.isEmpty()) {
      throw new IllegalArgumentException("Profile " + name + " has no requirements");
    }
    Set<String> ids = new HashSet<>();
    for (Requirement requirement : requirements) {
      if (!ids.add(requirement.id())) {
        throw new IllegalArgumentException(
            "Profile " + name + " has two requirements with id " + requirement.id());
      }
    }
    this.name = name;
    this.installNamespace = installNamespace;
    this.applicationNamespaces = List.copyOf(applicationNamespaces);
    this.requirements = List.copyOf(requirements);
    this.notes = List.copyOf(notes);
    this.rbac = rbac;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Loads a profile from a YAML file; errors name the file and the entry. */
  public static RequirementProfile fromYaml(Path file) {
    String text;
    try {
      if (Files.size(file) > ProfileYaml.MAX_BYTES) {
        throw new ProfileFormatException(file + ": the file has " + Files.size(file)
            + " bytes; a requirement profile may have at most " + ProfileYaml.MAX_BYTES);
      }
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ProfileFormatException(file + ": no such requirement profile file", e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the requirement profile: " + e.getMessage(), e);
    }
    return ProfileYaml.parse(file.toString(), text);
  }

  /** Loads a profile from YAML text; {@code source} names it in errors. */
  public static RequirementProfile fromYaml(String source, String yaml) {
    return ProfileYaml.parse(source, yaml);
  }

  /**
   * Derives the profile of a product from its rendered manifests: files or folders of YAML as
   * {@code helm template}, {@code kustomize build} or {@code kubectl get -o yaml} emit them (List
   * kinds included). Every object that makes Pods (Pod, Deployment, DaemonSet, StatefulSet,
   * ReplicaSet, Job, CronJob, Helm hooks among them) gives one requirement per security-relevant
   * field of every container, probed where the manifest puts it, plus itself as rendered. Ids
   * derive from workload, container and field ({@code daemonset.cilium.container.cilium-agent
   * .capabilities.add.NET_ADMIN}), so they stay stable across chart versions. The install namespace
   * is the one the manifests name, if any; {@link #installedIn(String)} sets another. Fields
   * policyprobe does not know are listed in {@link #notes()} and logged.
   */
  public static RequirementProfile fromManifests(Path... locations) {
    if (locations.length == 0) {
      throw new ProfileFormatException("fromManifests needs at least one file or folder");
    }
    return ManifestProfiles.derive(ManifestProfiles.nameOf(locations[0]), List.of(locations));
  }

  /**
   * Renders a chart with {@code helm template} (helm built into policyprobe's cache on first use)
   * as release {@code <chart folder name>} in {@code namespace}, on the Kubernetes version
   * policyprobe runs, and derives the profile from the output as {@link #fromManifests(Path...)}
   * does. The values files apply in order, as with helm.
   */
  public static RequirementProfile fromHelmChart(Path chart, String namespace, Path... valuesFiles) {
    String release = ManifestProfiles.nameOf(chart.toAbsolutePath().normalize());
    String rendered;
    try {
      rendered = HelmTemplate.render(chart, release, namespace, Versions.KUBERNETES, List.of(valuesFiles));
    } catch (IllegalArgumentException e) {
      throw new ProfileFormatException(e.getMessage(), e);
    }
    Path file = null;
    try {
      file = Files.createTempFile("policyprobe-" + release + "-", ".yaml");
      Files.writeString(file, rendered);
      return ManifestProfiles.derive(release, List.of(file)).installedIn(namespace);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the rendered chart " + chart + ": " + e.getMessage(), e);
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }

  /** As {@link #fromManifests(Path...)}, with the profile's name given. */
  public static RequirementProfile fromManifests(String name, List<Path> locations) {
    return ManifestProfiles.derive(name, locations);
  }

  /**
   * What a newer profile needs that an older one did not, and the reverse: the requirements a
   * chart upgrade adds, drops and changes, by id. For the pull request that bumps a chart version.
   */
  public static ProfileDiff diff(RequirementProfile older, RequirementProfile newer) {
    return ProfileDiff.between(older, newer);
  }

  public String name() {
    return name;
  }

  public String installNamespace() {
    return installNamespace;
  }

  public List<String> applicationNamespaces() {
    return applicationNamespaces;
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  /**
   * The product's own RBAC as its manifests render it (service accounts, roles and their
   * bindings), placed in the install namespace: applied on the clusters policyprobe runs before
   * the probes, so that an engine matching on roles sees the product's as a real install has them.
   */
  public ProductRbac rbac() {
    return rbac;
  }

  /** What derivation could not turn into requirements, such as a pod field it does not know. */
  public List<String> notes() {
    return notes;
  }

  /** The same requirements, installed in another namespace. */
  public RequirementProfile installedIn(String namespace) {
    return new RequirementProfile(name, namespace, applicationNamespaces, requirements, notes, rbac);
  }

  /** The same requirements, working on other application namespaces. */
  public RequirementProfile protecting(String... namespaces) {
    return new RequirementProfile(name, installNamespace, List.of(namespaces), requirements, notes, rbac);
  }

  /** The namespaces to check, install namespace first, each with the requirements that apply. */
  public List<NamespacePlan> plan() {
    if (installNamespace.isEmpty()) {
      throw new IllegalStateException("Profile " + name + " has no install namespace: set"
          + " installNamespace in its YAML, or call installedIn(namespace)");
    }
    Map<String, Set<NamespaceRole>> roles = new LinkedHashMap<>();
    roles.computeIfAbsent(installNamespace, ns -> EnumSet.noneOf(NamespaceRole.class)).add(NamespaceRole.INSTALL);
    for (String ns : applicationNamespaces) {
      roles.computeIfAbsent(ns, n -> EnumSet.noneOf(NamespaceRole.class)).add(NamespaceRole.APPLICATION);
    }
    List<NamespacePlan> plans = new ArrayList<>();
    // a product's own service account lives in the install namespace, wherever its probes go
    roles.forEach((ns, nsRoles) -> plans.add(new NamespacePlan(ns, nsRoles, requirements.stream()
        .filter(r -> nsRoles.stream().anyMatch(role -> r.where().appliesTo(role)))
        .map(r -> r.sentBy(Sender.identity(r.sender().resolve(installNamespace))))
        .toList())));
    return plans;
  }

  /**
   * Such as {@code kasten-k10 (installed in kasten-io, protecting shop, billing)}; beyond five
   * application namespaces, the first three and how many more ({@code protecting app-000,
   * app-001, app-002 and 97 more}), so that a title stays a line.
   */
  public String describe() {
    String protecting = applicationNamespaces.size() <= 5 ? String.join(", ", applicationNamespaces)
        : String.join(", ", applicationNamespaces.subList(0, 3)) + " and " + (applicationNamespaces.size() - 3)
            + " more";
    return name + " (installed in " + installNamespace
        + (applicationNamespaces.isEmpty() ? "" : ", protecting " + protecting) + ")";
  }

  @Override
  public String toString() {
    return "RequirementProfile[" + describe() + ", " + requirements.size() + " requirements]";
  }

  private static void checkNamespace(String profile, String namespace) {
    if (namespace == null || !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
      throw new IllegalArgumentException("Profile " + profile + ": '" + namespace
          + "' is not a namespace name (lower-case letters, digits and '-', at most 63)");
    }
  }

  /** Builds a profile for a product: its namespaces and its requirements. */
  public static final class Builder {
    private final String name;
    private String installNamespace;
    private final List<String> applicationNamespaces = new ArrayList<>();
    private final List<Requirement> requirements = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private ProductRbac rbac = ProductRbac.NONE;

    private Builder(String name) {
      this.name = name;
    }

    public Builder installedIn(String namespace) {
      this.installNamespace = namespace;
      return this;
    }

    public Builder protecting(String... namespaces) {
      applicationNamespaces.addAll(List.of(namespaces));
      return this;
    }

    public Builder requirement(Requirement requirement) {
      requirements.add(Objects.requireNonNull(requirement, "requirement"));
      return this;
    }

    public Builder requirements(List<Requirement> more) {
      more.forEach(this::requirement);
      return this;
    }

    /** The product's own RBAC, as its manifests render it. */
    public Builder rbac(ProductRbac value) {
      this.rbac = java.util.Objects.requireNonNull(value, "rbac");
      return this;
    }

    /** Lines saying what the profile could not check, shown with it. */
    public Builder notes(List<String> more) {
      notes.addAll(more);
      return this;
    }

    public RequirementProfile build() {
      return new RequirementProfile(name, installNamespace, applicationNamespaces, requirements, notes, rbac);
    }
  }
}
