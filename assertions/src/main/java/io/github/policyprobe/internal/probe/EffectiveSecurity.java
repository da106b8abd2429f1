package io.github.policyprobe.internal.probe;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The security settings each container of a pod would actually run with, and the fields that
 * decide them. Container-level fields override pod-level ones (runAsUser, runAsGroup,
 * runAsNonRoot, seccomp, SELinux, AppArmor); capabilities and the other container fields are
 * per container; fsGroup, supplemental groups, sysctls, host namespaces and volumes are pod-level.
 *
 * <p>Values are plain strings, or sorted sets of strings for fields where having more than was
 * asked for does not take anything away (capabilities held, supplemental groups, sysctls,
 * host ports, hostPath volumes).
 */
final class EffectiveSecurity {
  /**
   * What a container runtime grants when nothing is dropped (containerd's and Docker's default
   * set): a container without {@code drop: [ALL]} holds these besides what it adds.
   */
  static final Set<String> RUNTIME_DEFAULT_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN",
      "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP",
      "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
  /** Stands for every capability in an effective set (privileged, or {@code add: [ALL]}). */
  static final String ALL = "ALL";

  /** A field set on the pod that a container-level field of the same name overrides. */
  record Inherited(String name, Function<PodSecurityContext, Object> pod,
      Function<SecurityContext, Object> container) {

    Object effective(PodSpec spec, Container c) {
      Object own = containerLevel(c);
      return own != null ? own : podLevel(spec);
    }

    Object containerLevel(Container c) {
      return c.getSecurityContext() == null ? null : container.apply(c.getSecurityContext());
    }

    Object podLevel(PodSpec spec) {
      return spec.getSecurityContext() == null ? null : pod.apply(spec.getSecurityContext());
    }
  }

  /** A field of the container alone. */
  record PerContainer(String name, Function<Container, Object> read) {}

  /** A field of the pod alone. */
  record PodLevel(String name, Function<PodSpec, Object> read) {}

  static final List<Inherited> INHERITED = List.of(
      new Inherited("runAsUser", PodSecurityContext::getRunAsUser, SecurityContext::getRunAsUser),
      new Inherited("runAsGroup", PodSecurityContext::getRunAsGroup, SecurityContext::getRunAsGroup),
      new Inherited("runAsNonRoot", PodSecurityContext::getRunAsNonRoot, SecurityContext::getRunAsNonRoot),
      new Inherited("seccompProfile", s -> seccomp(s.getSeccompProfile()), s -> seccomp(s.getSeccompProfile())),
      new Inherited("seLinuxOptions", s -> seLinux(s.getSeLinuxOptions()), s -> seLinux(s.getSeLinuxOptions())),
      new Inherited("appArmorProfile", s -> appArmor(s.getAppArmorProfile()), s -> appArmor(s.getAppArmorProfile())));

  static final List<PerContainer> PER_CONTAINER = List.of(
      new PerContainer("capabilities", EffectiveSecurity::capabilitiesHeld),
      new PerContainer("privileged", c -> onlyTrue(security(c, SecurityContext::getPrivileged))),
      new PerContainer("allowPrivilegeEscalation", c -> security(c, SecurityContext::getAllowPrivilegeEscalation)),
      new PerContainer("readOnlyRootFilesystem", c -> onlyTrue(security(c, SecurityContext::getReadOnlyRootFilesystem))),
      new PerContainer("procMount", c -> security(c, SecurityContext::getProcMount)),
      new PerContainer("hostPorts", c -> sorted(c.getPorts() == null ? Stream.empty() : c.getPorts().stream()
          .map(ContainerPort::getHostPort).filter(Objects::nonNull))));

  static final List<PodLevel> POD_LEVEL = List.of(
      new PodLevel("fsGroup", s -> pod(s, PodSecurityContext::getFsGroup)),
      new PodLevel("fsGroupChangePolicy", s -> pod(s, PodSecurityContext::getFsGroupChangePolicy)),
      new PodLevel("supplementalGroups", s -> pod(s, c -> sorted(stream(c.getSupplementalGroups())))),
      new PodLevel("supplementalGroupsPolicy", s -> pod(s, PodSecurityContext::getSupplementalGroupsPolicy)),
      new PodLevel("sysctls", s -> pod(s, c -> sorted(stream(c.getSysctls()).map(x -> x.getName() + "=" + x.getValue())))),
      new PodLevel("hostNetwork", s -> onlyTrue(s.getHostNetwork())),
      new PodLevel("hostPID", s -> onlyTrue(s.getHostPID())),
      new PodLevel("hostIPC", s -> onlyTrue(s.getHostIPC())),
      new PodLevel("hostUsers", PodSpec::getHostUsers),
      new PodLevel("hostPath volumes", s -> sorted(stream(s.getVolumes())
          .filter(v -> v.getHostPath() != null).map(EffectiveSecurity::hostPath))));

  private EffectiveSecurity() {}

  /**
   * A switch whose false is its default: a manifest's explicit {@code hostNetwork: false}, which
   * the API server drops as empty, asks for nothing, so it never reads as a mutation.
   */
  private static Boolean onlyTrue(Object value) {
    return Boolean.TRUE.equals(value) ? Boolean.TRUE : null;
  }

  /**
   * Whether {@code returned} still gives what {@code requested} asked for: equal, or for sets
   * every requested element still there.
   */
  static boolean keeps(Object requested, Object returned) {
    if (requested instanceof SortedSet<?> asked) {
      return returned instanceof SortedSet<?> got && (got.contains(ALL) || got.containsAll(asked));
    }
    return Objects.equals(requested, returned);
  }

  /** Whether a value asks for anything: an unset field or an empty set asks for nothing. */
  static boolean isSet(Object value) {
    return value != null && !(value instanceof Collection<?> c && c.isEmpty());
  }

  static String render(Object value) {
    return isSet(value) ? String.valueOf(value) : MutationDetector.REMOVED;
  }

  /**
   * The capabilities a container's processes would hold, as containerd and Docker compute them:
   * everything when privileged or {@code add: [ALL]}; otherwise the runtime's defaults unless
   * {@code drop: [ALL]}, plus what is added, minus what is dropped by name (a name both added and
   * dropped is not held).
   */
  static SortedSet<String> capabilitiesHeld(Container c) {
    SecurityContext security = c.getSecurityContext();
    if (security != null && Boolean.TRUE.equals(security.getPrivileged())) {
      return new TreeSet<>(Set.of(ALL));
    }
    Capabilities caps = security == null || security.getCapabilities() == null
        ? new Capabilities() : security.getCapabilities();
    Set<String> add = normalized(caps.getAdd());
    Set<String> drop = normalized(caps.getDrop());
    if (add.contains(ALL)) {
      return new TreeSet<>(Set.of(ALL));
    }
    TreeSet<String> held = new TreeSet<>(drop.contains(ALL) ? Set.of() : RUNTIME_DEFAULT_CAPABILITIES);
    held.addAll(add);
    held.removeAll(drop);
    return held;
  }

  /** Capability names as the runtimes read them: upper case, without a CAP_ prefix. */
  private static Set<String> normalized(List<String> names) {
    return stream(names).map(n -> n.toUpperCase().startsWith("CAP_") ? n.substring(4).toUpperCase()
        : n.toUpperCase()).collect(Collectors.toSet());
  }

  private static Object security(Container c, Function<SecurityContext, Object> read) {
    return c.getSecurityContext() == null ? null : read.apply(c.getSecurityContext());
  }

  private static Object pod(PodSpec spec, Function<PodSecurityContext, Object> read) {
    return spec.getSecurityContext() == null ? null : read.apply(spec.getSecurityContext());
  }

  private static <T> Stream<T> stream(List<T> values) {
    return values == null ? Stream.empty() : values.stream();
  }

  private static SortedSet<String> sorted(Stream<?> values) {
    TreeSet<String> set = values.map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
    return set.isEmpty() ? null : set;
  }

  private static String hostPath(Volume volume) {
    String type = volume.getHostPath().getType();
    return volume.getName() + ":" + volume.getHostPath().getPath()
        + (type == null || type.isEmpty() ? "" : " (" + type + ")");
  }

  static String seccomp(SeccompProfile profile) {
    if (profile == null || profile.getType() == null) {
      return null;
    }
    return profile.getLocalhostProfile() == null
        ? profile.getType() : profile.getType() + ":" + profile.getLocalhostProfile();
  }

  private static String seLinux(SELinuxOptions options) {
    if (options == null) {
      return null;
    }
    String text = Stream.of(kv("user", options.getUser()), kv("role", options.getRole()),
            kv("type", options.getType()), kv("level", options.getLevel()))
        .filter(Objects::nonNull).collect(Collectors.joining(","));
    return text.isEmpty() ? null : text;
  }

  private static String appArmor(AppArmorProfile profile) {
    if (profile == null || profile.getType() == null) {
      return null;
    }
    return profile.getLocalhostProfile() == null
        ? profile.getType() : profile.getType() + ":" + profile.getLocalhostProfile();
  }

  private static String kv(String key, String value) {
    return value == null || value.isEmpty() ? null : key + "=" + value;
  }
}
