package io.github.policyprobe.profile;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeDevice;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.probe.ProbeVariant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Turns one rendered workload into requirements: one per security-relevant field, each probed
 * where the manifest puts it (pod or container, init or main container, the same volume source
 * and mount), plus the workload itself as rendered. A probe carries only what the API server's
 * validation demands beside its field (privileged beside a Bidirectional mount, no runAsNonRoot
 * beside UID 0), so that a denial points at that field.
 */
final class WorkloadNeeds {
  private static final String RUNTIME_DEFAULT = "RuntimeDefault";
  private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

  private final RenderedWorkload workload;
  private final String idPrefix;
  private final PodSpec spec;
  private final PodSecurityContext podSecurity;
  private final List<Requirement> requirements = new ArrayList<>();

  private WorkloadNeeds(RenderedWorkload workload, String idPrefix) {
    this.workload = workload;
    this.idPrefix = idPrefix;
    this.spec = workload.podSpec();
    this.podSecurity = spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
  }

  /** The requirements of {@code workload}, their ids starting with {@code idPrefix}. */
  static List<Requirement> of(RenderedWorkload workload, String idPrefix) {
    WorkloadNeeds needs = new WorkloadNeeds(workload, idPrefix);
    needs.shape();
    needs.pod();
    for (Container container : list(needs.spec.getInitContainers())) {
      needs.container(ContainerSlot.of(container, true), container);
    }
    for (Container container : needs.spec.getContainers()) {
      needs.container(ContainerSlot.of(container, false), container);
    }
    for (Volume volume : list(needs.spec.getVolumes())) {
      needs.volume(volume);
    }
    return needs.requirements;
  }

  private void shape() {
    // Its Pod runs as the probe's service account: the chart's own exists only once installed.
    requirements.add(new Requirement(idPrefix, workload.describe() + " as rendered, all fields at once",
        Placement.INSTALL_NAMESPACE, List.of(ProbeVariant.asRendered("as rendered", workload.object()))));
  }

  private void pod() {
    String pod = "pod.";
    if (Boolean.TRUE.equals(spec.getHostNetwork())) {
      need(pod + "hostNetwork", "uses the node's network (hostNetwork)", p -> p.getSpec().setHostNetwork(true));
    }
    if (Boolean.TRUE.equals(spec.getHostPID())) {
      need(pod + "hostPID", "sees the node's processes (hostPID)", p -> p.getSpec().setHostPID(true));
    }
    if (Boolean.TRUE.equals(spec.getHostIPC())) {
      need(pod + "hostIPC", "shares the node's IPC namespace (hostIPC)", p -> p.getSpec().setHostIPC(true));
    }
    if (spec.getHostUsers() != null) {
      Boolean value = spec.getHostUsers();
      need(pod + "hostUsers", "sets hostUsers: " + value, p -> p.getSpec().setHostUsers(value));
    }
    if (Boolean.TRUE.equals(spec.getShareProcessNamespace())) {
      need(pod + "shareProcessNamespace", "shares one process namespace between its containers",
          p -> p.getSpec().setShareProcessNamespace(true));
    }
    PodSecurityContext s = podSecurity;
    if (s.getRunAsUser() != null) {
      long uid = s.getRunAsUser();
      need(pod + "runAsUser", "runs as UID " + uid + " (pod securityContext)", p -> {
        if (uid == 0) {
          noRunAsNonRoot(p);
        }
        security(p).setRunAsUser(uid);
      });
    }
    if (s.getRunAsGroup() != null) {
      long gid = s.getRunAsGroup();
      need(pod + "runAsGroup", "runs as GID " + gid + " (pod securityContext)", p -> security(p).setRunAsGroup(gid));
    }
    if (s.getFsGroup() != null) {
      long gid = s.getFsGroup();
      need(pod + "fsGroup", "sets fsGroup " + gid, p -> security(p).setFsGroup(gid));
    }
    if (s.getSupplementalGroups() != null && !s.getSupplementalGroups().isEmpty()) {
      List<Long> groups = List.copyOf(s.getSupplementalGroups());
      need(pod + "supplementalGroups", "adds supplemental groups " + groups,
          p -> security(p).setSupplementalGroups(new ArrayList<>(groups)));
    }
    if (Boolean.FALSE.equals(s.getRunAsNonRoot())) {
      need(pod + "runAsNonRoot", "sets runAsNonRoot: false (pod securityContext)", p -> {
        noRunAsNonRoot(p);
        security(p).setRunAsNonRoot(false);
      });
    }
    for (Sysctl sysctl : list(s.getSysctls())) {
      need(pod + "sysctl." + sysctl.getName(), "sets the sysctl " + sysctl.getName() + "=" + sysctl.getValue(),
          p -> security(p).setSysctls(new ArrayList<>(List.of(copy(sysctl, Sysctl.class)))));
    }
    if (s.getSeccompProfile() != null && !RUNTIME_DEFAULT.equals(s.getSeccompProfile().getType())) {
      SeccompProfile profile = s.getSeccompProfile();
      need(pod + "seccompProfile", "runs with seccomp profile " + describe(profile.getType(), profile.getLocalhostProfile())
          + " (pod securityContext)", p -> security(p).setSeccompProfile(copy(profile, SeccompProfile.class)));
    }
    if (s.getAppArmorProfile() != null && !RUNTIME_DEFAULT.equals(s.getAppArmorProfile().getType())) {
      var profile = s.getAppArmorProfile();
      need(pod + "appArmorProfile", "runs with AppArmor profile " + describe(profile.getType(), profile.getLocalhostProfile())
          + " (pod securityContext)", p -> security(p).setAppArmorProfile(copy(profile, profile.getClass())));
    }
    if (s.getSeLinuxOptions() != null) {
      var options = s.getSeLinuxOptions();
      need(pod + "seLinuxOptions", "sets SELinux options " + seLinux(options) + " (pod securityContext)",
          p -> security(p).setSeLinuxOptions(copy(options, options.getClass())));
    }
    if (s.getWindowsOptions() != null && Boolean.TRUE.equals(s.getWindowsOptions().getHostProcess())) {
      var options = s.getWindowsOptions();
      need(pod + "windowsOptions.hostProcess", "runs as a Windows HostProcess pod", p -> {
        p.getSpec().setHostNetwork(true); // the API server requires it of HostProcess pods
        security(p).setWindowsOptions(copy(options, options.getClass()));
      });
    }
    Map<String, String> annotations = workload.podMetadata().getAnnotations() == null ? Map.of()
        : workload.podMetadata().getAnnotations();
    annotations.forEach((key, value) -> {
      if (key.startsWith("seccomp.security.alpha.kubernetes.io/") || key.startsWith("container.seccomp.security.alpha.kubernetes.io/")) {
        need(pod + "annotation." + key.replace('/', '.'), "carries the annotation " + key + ": " + value,
            p -> p.getMetadata().getAnnotations().put(key, value));
      }
    });
  }

  private void container(ContainerSlot slot, Container c) {
    String at = "container." + slot.name() + ".";
    String who = slot.describe();
    SecurityContext s = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
    Boolean escalation = s.getAllowPrivilegeEscalation();
    if (Boolean.TRUE.equals(s.getPrivileged())) {
      need(at + "privileged", who + " is privileged", p -> {
        SecurityContext sc = security(slot.in(p));
        sc.setPrivileged(true);
        sc.setAllowPrivilegeEscalation(escalation); // the API server refuses privileged with false
      });
    }
    if (!Boolean.FALSE.equals(escalation)) {
      need(at + "allowPrivilegeEscalation", who + (escalation == null ? " leaves allowPrivilegeEscalation unset"
          : " sets allowPrivilegeEscalation: true"), p -> security(slot.in(p)).setAllowPrivilegeEscalation(escalation));
    }
    Capabilities capabilities = s.getCapabilities() == null ? new Capabilities() : s.getCapabilities();
    for (String capability : list(capabilities.getAdd())) {
      need(at + "capabilities.add." + capability, who + " adds capability " + capability, p -> {
        SecurityContext sc = security(slot.in(p));
        sc.getCapabilities().setAdd(new ArrayList<>(List.of(capability)));
        if (capability.replaceFirst("^CAP_", "").equals("SYS_ADMIN")) {
          sc.setAllowPrivilegeEscalation(escalation); // the API server refuses SYS_ADMIN with false
        }
      });
    }
    List<String> drop = list(capabilities.getDrop());
    if (!drop.contains("ALL")) {
      need(at + "capabilities.drop", who + (drop.isEmpty() ? " keeps the runtime's default capabilities (drops none)"
          : " drops only " + drop + ", not ALL"), p -> security(slot.in(p)).getCapabilities().setDrop(new ArrayList<>(drop)));
    }
    if (s.getRunAsUser() != null) {
      long uid = s.getRunAsUser();
      need(at + "runAsUser", who + " runs as UID " + uid, p -> {
        Container probe = slot.in(p);
        if (uid == 0) {
          runsAsRoot(p, probe);
        }
        security(probe).setRunAsUser(uid);
      });
    }
    if (s.getRunAsGroup() != null) {
      long gid = s.getRunAsGroup();
      need(at + "runAsGroup", who + " runs as GID " + gid, p -> security(slot.in(p)).setRunAsGroup(gid));
    }
    Boolean nonRoot = s.getRunAsNonRoot() != null ? s.getRunAsNonRoot() : podSecurity.getRunAsNonRoot();
    if (!Boolean.TRUE.equals(nonRoot) && !Boolean.FALSE.equals(podSecurity.getRunAsNonRoot())
        || Boolean.FALSE.equals(s.getRunAsNonRoot())) {
      Boolean value = s.getRunAsNonRoot();
      need(at + "runAsNonRoot", who + (value == null ? " does not set runAsNonRoot (may run as root)"
          : " sets runAsNonRoot: false"), p -> {
        Container probe = slot.in(p);
        runsAsRoot(p, probe);
        security(probe).setRunAsNonRoot(value);
      });
    }
    if (!Boolean.TRUE.equals(s.getReadOnlyRootFilesystem())) {
      Boolean value = s.getReadOnlyRootFilesystem();
      need(at + "readOnlyRootFilesystem", who + " writes to its root file system (readOnlyRootFilesystem "
          + (value == null ? "unset" : "false") + ")", p -> security(slot.in(p)).setReadOnlyRootFilesystem(value));
    }
    if (s.getProcMount() != null && !"Default".equals(s.getProcMount())) {
      String mount = s.getProcMount();
      Boolean hostUsers = spec.getHostUsers();
      need(at + "procMount", who + " sets procMount " + mount, p -> {
        p.getSpec().setHostUsers(hostUsers); // Unmasked is valid only in a user namespace
        security(slot.in(p)).setProcMount(mount);
      });
    }
    if (s.getSeLinuxOptions() != null) {
      var options = s.getSeLinuxOptions();
      need(at + "seLinuxOptions", who + " sets SELinux options " + seLinux(options),
          p -> security(slot.in(p)).setSeLinuxOptions(copy(options, options.getClass())));
    }
    SeccompProfile seccomp = s.getSeccompProfile();
    if (seccomp != null && !RUNTIME_DEFAULT.equals(seccomp.getType())) {
      need(at + "seccompProfile", who + " runs with seccomp profile " + describe(seccomp.getType(), seccomp.getLocalhostProfile()),
          p -> security(slot.in(p)).setSeccompProfile(copy(seccomp, SeccompProfile.class)));
    } else if (seccomp == null && podSecurity.getSeccompProfile() == null) {
      need(at + "seccompProfile", who + " sets no seccomp profile (neither it nor the pod)", p -> {
        Container probe = slot.in(p);
        noPodSeccomp(p, probe);
      });
    }
    if (s.getAppArmorProfile() != null && !RUNTIME_DEFAULT.equals(s.getAppArmorProfile().getType())) {
      var profile = s.getAppArmorProfile();
      need(at + "appArmorProfile", who + " runs with AppArmor profile " + describe(profile.getType(), profile.getLocalhostProfile()),
          p -> security(slot.in(p)).setAppArmorProfile(copy(profile, profile.getClass())));
    }
    String appArmorAnnotation = workload.podMetadata().getAnnotations() == null ? null
        : workload.podMetadata().getAnnotations().get(APPARMOR_ANNOTATION + slot.name());
    if (appArmorAnnotation != null) {
      need(at + "appArmorAnnotation", who + " has the AppArmor annotation " + appArmorAnnotation, p -> {
        slot.in(p);
        p.getMetadata().getAnnotations().put(APPARMOR_ANNOTATION + slot.name(), appArmorAnnotation);
      });
    }
    if (s.getWindowsOptions() != null && Boolean.TRUE.equals(s.getWindowsOptions().getHostProcess())) {
      var options = s.getWindowsOptions();
      need(at + "windowsOptions.hostProcess", who + " runs as a Windows HostProcess container", p -> {
        p.getSpec().setHostNetwork(true);
        security(slot.in(p)).setWindowsOptions(copy(options, options.getClass()));
      });
    }
    ports(slot, c, at, who);
    probes(slot, c, at, who);
  }

  private void ports(ContainerSlot slot, Container c, String at, String who) {
    boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
    for (ContainerPort port : list(c.getPorts())) {
      // on a hostNetwork Pod the API server makes every container port a host port
      Integer hostPort = port.getHostPort() != null ? port.getHostPort() : hostNetwork ? port.getContainerPort() : null;
      if (hostPort == null) {
        continue;
      }
      String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      need(at + "hostPort." + hostPort + (protocol.equals("TCP") ? "" : "." + protocol), who + " listens on host port "
          + hostPort + "/" + protocol + (port.getHostPort() == null ? " (a container port of a hostNetwork pod)" : ""), p -> {
        Container probe = slot.in(p);
        ContainerPort copy = copy(port, ContainerPort.class);
        copy.setHostPort(hostPort);
        List<ContainerPort> ports = new ArrayList<>(list(probe.getPorts()));
        ports.add(copy);
        probe.setPorts(ports);
      });
    }
  }

  private void probes(ContainerSlot slot, Container c, String at, String who) {
    checkProbe(slot, at, who, "livenessProbe", c.getLivenessProbe(), Container::setLivenessProbe);
    checkProbe(slot, at, who, "readinessProbe", c.getReadinessProbe(), Container::setReadinessProbe);
    checkProbe(slot, at, who, "startupProbe", c.getStartupProbe(), Container::setStartupProbe);
    Lifecycle lifecycle = c.getLifecycle();
    if (lifecycle != null) {
      lifecycleHandler(slot, at, who, "postStart", lifecycle.getPostStart(), Lifecycle::setPostStart);
      lifecycleHandler(slot, at, who, "preStop", lifecycle.getPreStop(), Lifecycle::setPreStop);
    }
  }

  private void checkProbe(ContainerSlot slot, String at, String who, String field, Probe probe,
      BiConsumer<Container, Probe> set) {
    String host = probe == null ? null : probe.getHttpGet() != null ? probe.getHttpGet().getHost()
        : probe.getTcpSocket() != null ? probe.getTcpSocket().getHost() : null;
    if (host != null && !host.isEmpty()) {
      need(at + field + ".host", who + "'s " + field + " connects to host " + host,
          p -> set.accept(slot.in(p), copy(probe, Probe.class)));
    }
  }

  private void lifecycleHandler(ContainerSlot slot, String at, String who, String field, LifecycleHandler handler,
      BiConsumer<Lifecycle, LifecycleHandler> set) {
    String host = handler == null ? null : handler.getHttpGet() != null ? handler.getHttpGet().getHost()
        : handler.getTcpSocket() != null ? handler.getTcpSocket().getHost() : null;
    if (host != null && !host.isEmpty()) {
      need(at + "lifecycle." + field + ".host", who + "'s " + field + " hook connects to host " + host, p -> {
        Container probe = slot.in(p);
        Lifecycle lifecycle = probe.getLifecycle() == null ? new Lifecycle() : probe.getLifecycle();
        set.accept(lifecycle, copy(handler, LifecycleHandler.class));
        probe.setLifecycle(lifecycle);
      });
    }
  }

  /**
   * The volume with its source, mounted where and as the manifest mounts it. A Bidirectional mount
   * is valid only in a privileged container, so it becomes a second requirement that carries the
   * privilege; the first mounts the same source without Bidirectional, to show it admissible alone.
   */
  private void volume(Volume volume) {
    Map<ContainerSlot, List<VolumeMount>> mounts = new LinkedHashMap<>();
    Map<ContainerSlot, List<VolumeDevice>> devices = new LinkedHashMap<>();
    for (Container c : list(spec.getInitContainers())) {
      collect(ContainerSlot.of(c, true), c, volume.getName(), mounts, devices);
    }
    for (Container c : spec.getContainers()) {
      collect(ContainerSlot.of(c, false), c, volume.getName(), mounts, devices);
    }
    String source = VolumeSources.describe(volume);
    String where = mounts.isEmpty() && devices.isEmpty() ? "" : ", used by " + String.join(", ",
        java.util.stream.Stream.concat(mounts.keySet().stream(), devices.keySet().stream())
            .distinct().map(ContainerSlot::describe).toList());
    boolean bidirectional = mounts.values().stream().flatMap(List::stream)
        .anyMatch(m -> "Bidirectional".equals(m.getMountPropagation()));
    String id = "volume." + volume.getName();
    need(id, "mounts volume " + volume.getName() + ": " + source + mountsDescription(mounts, false) + where
        + (bidirectional ? " (Bidirectional propagation probed apart)" : ""),
        p -> addVolume(p, volume, mounts, devices, false));
    if (bidirectional) {
      need(id + ".bidirectional", "mounts volume " + volume.getName() + " (" + source
          + ") with Bidirectional propagation, in a privileged container as the API server demands",
          p -> addVolume(p, volume, mounts, devices, true));
    }
  }

  private static void collect(ContainerSlot slot, Container c, String volume,
      Map<ContainerSlot, List<VolumeMount>> mounts, Map<ContainerSlot, List<VolumeDevice>> devices) {
    for (VolumeMount mount : list(c.getVolumeMounts())) {
      if (volume.equals(mount.getName())) {
        mounts.computeIfAbsent(slot, s -> new ArrayList<>()).add(mount);
      }
    }
    for (VolumeDevice device : list(c.getVolumeDevices())) {
      if (volume.equals(device.getName())) {
        devices.computeIfAbsent(slot, s -> new ArrayList<>()).add(device);
      }
    }
  }

  private static String mountsDescription(Map<ContainerSlot, List<VolumeMount>> mounts, boolean bidirectional) {
    List<String> parts = new ArrayList<>();
    mounts.values().stream().flatMap(List::stream).forEach(m -> {
      String propagation = m.getMountPropagation() == null || "Bidirectional".equals(m.getMountPropagation()) && !bidirectional
          ? "" : ", " + m.getMountPropagation();
      String mode = Boolean.TRUE.equals(m.getReadOnly()) ? "read-only" : "writable";
      String part = mode + propagation;
      if (!parts.contains(part)) {
        parts.add(part);
      }
    });
    return parts.isEmpty() ? ", not mounted" : ", " + String.join("; ", parts);
  }

  private static void addVolume(Pod p, Volume volume, Map<ContainerSlot, List<VolumeMount>> mounts,
      Map<ContainerSlot, List<VolumeDevice>> devices, boolean bidirectional) {
    List<Container> placed = new ArrayList<>();
    mounts.keySet().forEach(slot -> placed.add(slot.in(p)));
    devices.keySet().forEach(slot -> slot.in(p));
    List<Volume> volumes = new ArrayList<>(list(p.getSpec().getVolumes()));
    volumes.add(copy(volume, Volume.class));
    p.getSpec().setVolumes(volumes);
    int i = 0;
    for (Map.Entry<ContainerSlot, List<VolumeMount>> entry : mounts.entrySet()) {
      Container probe = placed.get(i++);
      List<VolumeMount> probeMounts = new ArrayList<>(list(probe.getVolumeMounts()));
      for (VolumeMount mount : entry.getValue()) {
        VolumeMount copy = copy(mount, VolumeMount.class);
        if ("Bidirectional".equals(mount.getMountPropagation())) {
          if (bidirectional) {
            SecurityContext sc = security(probe);
            sc.setPrivileged(true);
            sc.setAllowPrivilegeEscalation(null);
          } else {
            copy.setMountPropagation(null);
          }
        }
        probeMounts.add(copy);
      }
      probe.setVolumeMounts(probeMounts);
    }
    for (Map.Entry<ContainerSlot, List<VolumeDevice>> entry : devices.entrySet()) {
      Container probe = entry.getKey().in(p);
      List<VolumeDevice> probeDevices = new ArrayList<>(list(probe.getVolumeDevices()));
      entry.getValue().forEach(d -> probeDevices.add(copy(d, VolumeDevice.class)));
      probe.setVolumeDevices(probeDevices);
    }
  }

  /** One requirement: {@code change} on the neutral template, sent as the workload's kind. */
  private void need(String field, String what, PodChange change) {
    String id = idPrefix + "." + field;
    String restartPolicy = spec.getRestartPolicy();
    PodChange base = p -> {
      if (restartPolicy != null) {
        p.getSpec().setRestartPolicy(restartPolicy); // a Job's Pods must not restart Always
      }
      if (p.getMetadata().getAnnotations() == null) {
        p.getMetadata().setAnnotations(new LinkedHashMap<>());
      }
    };
    try {
      requirements.add(Requirement.builder(id)
          .why(workload.describe() + ": " + what)
          .where(Placement.INSTALL_NAMESPACE)
          .sentAs(workload.kind())
          .change(base.andThen(change))
          .build());
    } catch (IllegalArgumentException e) {
      throw new ProfileFormatException(workload.document().origin() + ": cannot probe " + field + " on its own: "
          + e.getMessage(), e);
    }
  }

  /**
   * Makes {@code probe} able to run as root: runAsNonRoot leaves the pod, and the other containers
   * keep it on their own, so that only this container differs from the neutral template.
   */
  private static void runsAsRoot(Pod p, Container probe) {
    PodSecurityContext podLevel = security(p);
    if (Boolean.TRUE.equals(podLevel.getRunAsNonRoot())) {
      podLevel.setRunAsNonRoot(null);
      for (Container other : all(p)) {
        if (other != probe && security(other).getRunAsNonRoot() == null) {
          security(other).setRunAsNonRoot(true);
        }
      }
    }
    security(probe).setRunAsNonRoot(null);
  }

  /** As {@link #runsAsRoot} for the pod as a whole: nothing keeps runAsNonRoot. */
  private static void noRunAsNonRoot(Pod p) {
    security(p).setRunAsNonRoot(null);
    all(p).forEach(c -> security(c).setRunAsNonRoot(null));
  }

  /** Removes the pod's seccomp profile, keeping it on every container but {@code probe}. */
  private static void noPodSeccomp(Pod p, Container probe) {
    SeccompProfile podLevel = security(p).getSeccompProfile();
    security(p).setSeccompProfile(null);
    for (Container other : all(p)) {
      if (other != probe && security(other).getSeccompProfile() == null && podLevel != null) {
        security(other).setSeccompProfile(copy(podLevel, SeccompProfile.class));
      }
    }
  }

  private static List<Container> all(Pod p) {
    List<Container> all = new ArrayList<>(list(p.getSpec().getInitContainers()));
    all.addAll(p.getSpec().getContainers());
    return all;
  }

  private static PodSecurityContext security(Pod p) {
    if (p.getSpec().getSecurityContext() == null) {
      p.getSpec().setSecurityContext(new PodSecurityContext());
    }
    return p.getSpec().getSecurityContext();
  }

  private static SecurityContext security(Container c) {
    if (c.getSecurityContext() == null) {
      c.setSecurityContext(new SecurityContext());
    }
    if (c.getSecurityContext().getCapabilities() == null) {
      c.getSecurityContext().setCapabilities(new Capabilities());
    }
    return c.getSecurityContext();
  }

  private static String describe(String type, String localhostProfile) {
    return localhostProfile == null ? type : type + " (" + localhostProfile + ")";
  }

  private static String seLinux(io.fabric8.kubernetes.api.model.SELinuxOptions options) {
    List<String> parts = new ArrayList<>();
    if (options.getUser() != null) {
      parts.add("user " + options.getUser());
    }
    if (options.getRole() != null) {
      parts.add("role " + options.getRole());
    }
    if (options.getType() != null) {
      parts.add("type " + options.getType());
    }
    if (options.getLevel() != null) {
      parts.add("level " + options.getLevel());
    }
    return String.join(", ", parts);
  }

  private static <T> T copy(T value, Class<?> type) {
    @SuppressWarnings("unchecked")
    T copy = (T) RenderedWorkload.SERIALIZATION.convertValue(value, type);
    return copy;
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }
}
