package io.github.policyprobe.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kasten K10's requirements (see k10-requirements.md) for one installation: where it is
 * installed, which application namespaces it protects, and the options that add requirements.
 *
 * <pre>
 * K10Profile.installedIn("kasten-io")
 *     .protecting("shop", "billing")
 *     .withStorageSecurityContext(1005, 1006, 2000)
 *     .withNfsSupplementalGroup(3000)
 * </pre>
 *
 * Immutable: every {@code with*} returns a new profile.
 */
public final class K10Profile {
  public static final String NAME = "kasten-k10";
  /**
   * The service account K10's chart creates and its pods run as: {@code <release>-k10}, with the
   * release {@code k10} of K10's install instructions. K10 creates its restore-data and data mover
   * pods as this account.
   */
  public static final String SERVICE_ACCOUNT = "k10-k10";

  private final String installNamespace;
  private final List<String> applicationNamespaces;
  private final boolean prometheus;
  private final Optional<Boolean> grafana;
  private final Optional<StorageSecurityContext> storageSecurityContext;
  private final Optional<Long> nfsSupplementalGroup;
  private final String serviceAccount;

  /**
   * A StorageSecurityContext's ids (config.kio.kasten.io/v1alpha1, {@code spec.security}).
   *
   * @param userId allowed as runAsUser
   * @param groupId allowed as runAsGroup and fsGroup
   * @param supplementalGroups each allowed as fsGroup
   */
  public record StorageSecurityContext(long userId, long groupId, List<Long> supplementalGroups) {
    public StorageSecurityContext {
      supplementalGroups = List.copyOf(supplementalGroups);
    }
  }

  private K10Profile(String installNamespace, List<String> applicationNamespaces, boolean prometheus,
      Optional<Boolean> grafana, Optional<StorageSecurityContext> storageSecurityContext,
      Optional<Long> nfsSupplementalGroup, String serviceAccount) {
    this.installNamespace = installNamespace;
    this.applicationNamespaces = List.copyOf(applicationNamespaces);
    this.prometheus = prometheus;
    this.grafana = grafana;
    this.storageSecurityContext = storageSecurityContext;
    this.nfsSupplementalGroup = nfsSupplementalGroup;
    this.serviceAccount = serviceAccount;
  }

  /** K10 in {@code namespace}, with its defaults: bundled Prometheus on, Grafana off. */
  public static K10Profile installedIn(String namespace) {
    return new K10Profile(namespace, List.of(), true, Optional.empty(), Optional.empty(), Optional.empty(),
        SERVICE_ACCOUNT);
  }

  /** The application namespaces K10 backs up and restores (restore-data pods run there). */
  public K10Profile protecting(String... namespaces) {
    List<String> all = new ArrayList<>(applicationNamespaces);
    all.addAll(List.of(namespaces));
    return new K10Profile(installNamespace, all, prometheus, grafana, storageSecurityContext, nfsSupplementalGroup,
        serviceAccount);
  }

  /** A StorageSecurityContext is used: its ids must be allowed where volumes are mounted. */
  public K10Profile withStorageSecurityContext(long userId, long groupId, long... supplementalGroups) {
    requireId(userId, "userId");
    requireId(groupId, "groupId");
    List<Long> groups = new ArrayList<>();
    for (long gid : supplementalGroups) {
      groups.add(requireId(gid, "supplemental group"));
    }
    return new K10Profile(installNamespace, applicationNamespaces, prometheus, grafana,
        Optional.of(new StorageSecurityContext(userId, groupId, groups)), nfsSupplementalGroup, serviceAccount);
  }

  /** An NFS location profile in rootless mode mounts its export with this supplemental group. */
  public K10Profile withNfsSupplementalGroup(long gid) {
    return new K10Profile(installNamespace, applicationNamespaces, prometheus, grafana,
        storageSecurityContext, Optional.of(requireId(gid, "NFS supplemental group")), serviceAccount);
  }

  /** K10's bundled monitoring is turned off (prometheus.server.enabled=false). */
  public K10Profile withoutPrometheus() {
    return new K10Profile(installNamespace, applicationNamespaces, false, grafana,
        storageSecurityContext, nfsSupplementalGroup, serviceAccount);
  }

  /** K10 (up to 7.0) bundles Grafana; with persistence its init container chowns as root. */
  public K10Profile withGrafana(boolean persistence) {
    return new K10Profile(installNamespace, applicationNamespaces, prometheus,
        Optional.of(persistence), storageSecurityContext, nfsSupplementalGroup, serviceAccount);
  }

  /** K10 runs as another service account (chart value serviceAccount.name, or another release name). */
  public K10Profile withServiceAccount(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("K10's service account needs a name");
    }
    return new K10Profile(installNamespace, applicationNamespaces, prometheus, grafana, storageSecurityContext,
        nfsSupplementalGroup, name);
  }

  /** The service account K10 creates its own pods as, in its install namespace. */
  public String serviceAccount() {
    return serviceAccount;
  }

  public String installNamespace() {
    return installNamespace;
  }

  public List<String> applicationNamespaces() {
    return applicationNamespaces;
  }

  public boolean prometheus() {
    return prometheus;
  }

  /** Present when Grafana is bundled; the value says whether its persistence is on. */
  public Optional<Boolean> grafana() {
    return grafana;
  }

  public Optional<StorageSecurityContext> storageSecurityContext() {
    return storageSecurityContext;
  }

  public Optional<Long> nfsSupplementalGroup() {
    return nfsSupplementalGroup;
  }

  /** The requirements for these options, placed in these namespaces. */
  public RequirementProfile toProfile() {
    return RequirementProfile.builder(NAME)
        .installedIn(installNamespace)
        .protecting(applicationNamespaces.toArray(String[]::new))
        .requirements(K10Requirements.forProfile(this))
        .build();
  }

  @Override
  public String toString() {
    return toProfile().describe();
  }

  private static long requireId(long id, String what) {
    if (id < 0 || id > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " must be between 0 and " + Integer.MAX_VALUE + ", not " + id);
    }
    return id;
  }
}
