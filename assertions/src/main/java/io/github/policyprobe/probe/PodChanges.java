package io.github.policyprobe.probe;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.github.policyprobe.internal.objects.PodContainers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * The changes a requirement makes to the neutral template, one security field each. Container
 * changes apply to every container and init container of the probe.
 */
public final class PodChanges {
  private PodChanges() {}

  public static PodChange runAsUser(long uid) {
    return pod -> podSecurity(pod).setRunAsUser(uid);
  }

  public static PodChange runAsGroup(long gid) {
    return pod -> podSecurity(pod).setRunAsGroup(gid);
  }

  public static PodChange fsGroup(long gid) {
    return pod -> podSecurity(pod).setFsGroup(gid);
  }

  public static PodChange supplementalGroups(long... gids) {
    return pod -> podSecurity(pod).setSupplementalGroups(
        new ArrayList<>(Arrays.stream(gids).boxed().toList()));
  }

  /** Sets runAsNonRoot on the pod; {@code null} removes it from pod and containers. */
  public static PodChange runAsNonRoot(Boolean value) {
    return pod -> {
      podSecurity(pod).setRunAsNonRoot(value);
      if (value == null) {
        containers(pod).forEach(c -> security(c).setRunAsNonRoot(null));
      }
    };
  }

  /** Adds Linux capabilities to every container; {@code drop: [ALL]} stays. */
  public static PodChange addCapabilities(String... names) {
    return pod -> containers(pod).forEach(c -> {
      Capabilities capabilities = capabilities(c);
      List<String> add = new ArrayList<>(
          capabilities.getAdd() == null ? List.of() : capabilities.getAdd());
      add.addAll(List.of(names));
      capabilities.setAdd(add);
    });
  }

  /** Removes {@code drop: [ALL]} (and every other drop) from every container. */
  public static PodChange keepAllCapabilities() {
    return pod -> containers(pod).forEach(c -> capabilities(c).setDrop(new ArrayList<>()));
  }

  /**
   * Makes every container privileged. The API server refuses privileged with
   * allowPrivilegeEscalation false, so that is unset (privileged implies it).
   */
  public static PodChange privileged() {
    return pod -> containers(pod).forEach(c -> {
      security(c).setPrivileged(true);
      security(c).setAllowPrivilegeEscalation(null);
    });
  }

  /** Sets allowPrivilegeEscalation on every container; {@code null} removes it. */
  public static PodChange allowPrivilegeEscalation(Boolean value) {
    return pod -> containers(pod).forEach(c -> security(c).setAllowPrivilegeEscalation(value));
  }

  public static PodChange readOnlyRootFilesystem(boolean value) {
    return pod -> containers(pod).forEach(c -> security(c).setReadOnlyRootFilesystem(value));
  }

  /** Sets the pod's seccomp profile type; {@code null} removes it from pod and containers. */
  public static PodChange seccomp(String type) {
    return pod -> {
      if (type == null) {
        podSecurity(pod).setSeccompProfile(null);
        containers(pod).forEach(c -> security(c).setSeccompProfile(null));
      } else {
        SeccompProfile profile = new SeccompProfile();
        profile.setType(type);
        podSecurity(pod).setSeccompProfile(profile);
      }
    };
  }

  public static PodChange hostNetwork() {
    return pod -> pod.getSpec().setHostNetwork(true);
  }

  public static PodChange hostPID() {
    return pod -> pod.getSpec().setHostPID(true);
  }

  public static PodChange hostIPC() {
    return pod -> pod.getSpec().setHostIPC(true);
  }

  /** Mounts a hostPath volume of no declared type, read-only, in every container. */
  public static PodChange hostPath(String path) {
    return hostPath(path, null, null);
  }

  /**
   * Mounts a hostPath volume in every container, as node agents do.
   *
   * @param type the hostPath type ({@code Directory}, {@code DirectoryOrCreate},
   *     {@code FileOrCreate}, ...); {@code null} for none, as most charts leave it
   * @param mountPropagation {@code None}, {@code HostToContainer} or {@code Bidirectional};
   *     {@code null} for none. Bidirectional mounts are writable, and the API server accepts them
   *     only in privileged containers, so combine it with {@link #privileged()}
   */
  public static PodChange hostPath(String path, String type, String mountPropagation) {
    return hostPath(path, type, mountPropagation, !"Bidirectional".equals(mountPropagation));
  }

  /** As {@link #hostPath(String, String, String)}, mounted writable unless {@code readOnly}. */
  public static PodChange hostPath(String path, String type, String mountPropagation, boolean readOnly) {
    return pod -> {
      Volume volume = new Volume();
      volume.setName(freeVolumeName(pod, "host"));
      HostPathVolumeSource source = new HostPathVolumeSource();
      source.setPath(path);
      source.setType(type);
      volume.setHostPath(source);
      mount(pod, volume, "/" + volume.getName(), readOnly, mountPropagation);
    };
  }

  /**
   * Runs the pod as root (runAsUser 0) and removes runAsNonRoot, which the kubelet would otherwise
   * refuse to start such a pod with: how charts render root agents.
   */
  public static PodChange runAsRoot() {
    return runAsNonRoot(null).andThen(runAsUser(0));
  }

  /** Adds a volume (of any type) and mounts it read-only at {@code mountPath}. */
  public static PodChange volume(Volume volume, String mountPath) {
    return pod -> mount(pod, volume, mountPath, true, null);
  }

  public static PodChange hostPort(int port) {
    return pod -> {
      ContainerPort containerPort = new ContainerPort();
      containerPort.setContainerPort(port);
      containerPort.setHostPort(port);
      containerPort.setProtocol("TCP");
      Container main = pod.getSpec().getContainers().get(0);
      List<ContainerPort> ports = new ArrayList<>(main.getPorts() == null ? List.of() : main.getPorts());
      ports.add(containerPort);
      main.setPorts(ports);
    };
  }

  /** Sets every container's AppArmor profile field (Kubernetes 1.30+). */
  public static PodChange appArmor(String type) {
    return pod -> containers(pod).forEach(c -> {
      AppArmorProfile profile = new AppArmorProfile();
      profile.setType(type);
      security(c).setAppArmorProfile(profile);
    });
  }

  /** Sets the AppArmor profile through the older per-container annotation. */
  public static PodChange appArmorAnnotation(String value) {
    return pod -> containers(pod).forEach(c -> annotations(pod)
        .put("container.apparmor.security.beta.kubernetes.io/" + c.getName(), value));
  }

  public static PodChange seLinuxType(String type) {
    return pod -> containers(pod).forEach(c -> {
      SELinuxOptions options = new SELinuxOptions();
      options.setType(type);
      security(c).setSeLinuxOptions(options);
    });
  }

  /**
   * Sets every container's procMount; the API server accepts {@code Unmasked} only in a user
   * namespace, so this also sets {@code hostUsers: false}.
   */
  public static PodChange procMount(String type) {
    return pod -> {
      pod.getSpec().setHostUsers(false);
      containers(pod).forEach(c -> security(c).setProcMount(type));
    };
  }

  public static PodChange sysctl(String name, String value) {
    return pod -> {
      PodSecurityContext security = podSecurity(pod);
      List<Sysctl> sysctls = new ArrayList<>(
          security.getSysctls() == null ? List.of() : security.getSysctls());
      Sysctl sysctl = new Sysctl();
      sysctl.setName(name);
      sysctl.setValue(value);
      sysctls.add(sysctl);
      security.setSysctls(sysctls);
    };
  }

  public static PodChange label(String key, String value) {
    return pod -> {
      if (pod.getMetadata().getLabels() == null) {
        pod.getMetadata().setLabels(new LinkedHashMap<>());
      }
      pod.getMetadata().getLabels().put(key, value);
    };
  }

  public static PodChange annotation(String key, String value) {
    return pod -> annotations(pod).put(key, value);
  }

  /**
   * Adds an init container running as root (runAsUser 0, runAsNonRoot false) with extra
   * capabilities, like the chown init containers of Grafana's chart. It copies the probe
   * container otherwise, so nothing else changes.
   */
  public static PodChange rootInitContainer(String name, String... addCapabilities) {
    return pod -> {
      Container main = pod.getSpec().getContainers().get(0);
      Container init = new Container();
      init.setName(name);
      init.setImage(main.getImage());
      init.setResources(main.getResources());
      SecurityContext security = new SecurityContext();
      security.setAllowPrivilegeEscalation(false);
      security.setReadOnlyRootFilesystem(true);
      security.setRunAsUser(0L);
      security.setRunAsNonRoot(false);
      Capabilities capabilities = new Capabilities();
      capabilities.setDrop(new ArrayList<>(List.of("ALL")));
      capabilities.setAdd(new ArrayList<>(List.of(addCapabilities)));
      security.setCapabilities(capabilities);
      init.setSecurityContext(security);
      List<Container> inits = new ArrayList<>(
          pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers());
      inits.add(init);
      pod.getSpec().setInitContainers(inits);
    };
  }

  static PodSecurityContext podSecurity(Pod pod) {
    if (pod.getSpec().getSecurityContext() == null) {
      pod.getSpec().setSecurityContext(new PodSecurityContext());
    }
    return pod.getSpec().getSecurityContext();
  }

  static List<Container> containers(Pod pod) {
    return PodContainers.of(pod);
  }

  static SecurityContext security(Container container) {
    if (container.getSecurityContext() == null) {
      container.setSecurityContext(new SecurityContext());
    }
    return container.getSecurityContext();
  }

  private static Capabilities capabilities(Container container) {
    SecurityContext security = security(container);
    if (security.getCapabilities() == null) {
      security.setCapabilities(new Capabilities());
    }
    return security.getCapabilities();
  }

  private static java.util.Map<String, String> annotations(Pod pod) {
    if (pod.getMetadata().getAnnotations() == null) {
      pod.getMetadata().setAnnotations(new LinkedHashMap<>());
    }
    return pod.getMetadata().getAnnotations();
  }

  private static String freeVolumeName(Pod pod, String prefix) {
    List<Volume> volumes = pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
    String name = prefix;
    for (int n = 2; nameTaken(volumes, name); n++) {
      name = prefix + "-" + n;
    }
    return name;
  }

  private static boolean nameTaken(List<Volume> volumes, String name) {
    return volumes.stream().anyMatch(v -> name.equals(v.getName()));
  }

  private static void mount(Pod pod, Volume volume, String mountPath, boolean readOnly, String propagation) {
    List<Volume> volumes = new ArrayList<>(
        pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes());
    volumes.add(volume);
    pod.getSpec().setVolumes(volumes);
    for (Container container : containers(pod)) {
      VolumeMount mount = new VolumeMount();
      mount.setName(volume.getName());
      mount.setMountPath(mountPath);
      mount.setReadOnly(readOnly);
      mount.setMountPropagation(propagation);
      List<VolumeMount> mounts = new ArrayList<>(
          container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts());
      mounts.add(mount);
      container.setVolumeMounts(mounts);
    }
  }
}
