package io.github.policyprobe.podsecurity;

import static io.github.policyprobe.probe.PodChanges.addCapabilities;
import static io.github.policyprobe.probe.PodChanges.allowPrivilegeEscalation;
import static io.github.policyprobe.probe.PodChanges.appArmor;
import static io.github.policyprobe.probe.PodChanges.appArmorAnnotation;
import static io.github.policyprobe.probe.PodChanges.hostIPC;
import static io.github.policyprobe.probe.PodChanges.hostNetwork;
import static io.github.policyprobe.probe.PodChanges.hostPID;
import static io.github.policyprobe.probe.PodChanges.hostPath;
import static io.github.policyprobe.probe.PodChanges.hostPort;
import static io.github.policyprobe.probe.PodChanges.keepAllCapabilities;
import static io.github.policyprobe.probe.PodChanges.privileged;
import static io.github.policyprobe.probe.PodChanges.procMount;
import static io.github.policyprobe.probe.PodChanges.runAsNonRoot;
import static io.github.policyprobe.probe.PodChanges.runAsUser;
import static io.github.policyprobe.probe.PodChanges.seLinuxType;
import static io.github.policyprobe.probe.PodChanges.seccomp;
import static io.github.policyprobe.probe.PodChanges.sysctl;
import static io.github.policyprobe.probe.PodChanges.volume;

import io.fabric8.kubernetes.api.model.NFSVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.probe.ProbeVariant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Pod Security Standards controls (k8s.io/pod-security-admission/policy), one small entry
 * each, in the order of the standard. Windows HostProcess is left out: it needs a Windows node
 * and the API server rejects it with hostNetwork unset.
 */
public final class PodSecurityControls {
  private static final List<PodSecurityControl> ALL = List.of(
      control("privileged", PodSecurityLevel.BASELINE, "privileged containers",
          v("privileged: true", privileged())),
      control("host-namespaces", PodSecurityLevel.BASELINE, "sharing the host's namespaces",
          v("hostNetwork", hostNetwork()), v("hostPID", hostPID()), v("hostIPC", hostIPC())),
      control("host-path-volumes", PodSecurityLevel.BASELINE, "hostPath volumes",
          v("hostPath /var/run", hostPath("/var/run"))),
      control("host-ports", PodSecurityLevel.BASELINE, "host ports",
          v("hostPort 8080", hostPort(8080))),
      control("capabilities-baseline", PodSecurityLevel.BASELINE,
          "adding capabilities beyond the baseline list",
          v("adds SYS_ADMIN", addCapabilities("SYS_ADMIN")), v("adds NET_RAW", addCapabilities("NET_RAW"))),
      control("apparmor", PodSecurityLevel.BASELINE, "turning AppArmor off",
          v("appArmorProfile Unconfined", appArmor("Unconfined")),
          v("AppArmor annotation unconfined", appArmorAnnotation("unconfined"))),
      control("selinux", PodSecurityLevel.BASELINE, "custom SELinux types",
          v("seLinuxOptions.type custom_t", seLinuxType("custom_t"))),
      control("proc-mount", PodSecurityLevel.BASELINE, "an unmasked /proc",
          v("procMount Unmasked", procMount("Unmasked"))),
      control("sysctls", PodSecurityLevel.BASELINE, "sysctls outside the safe set",
          v("kernel.msgmax", sysctl("kernel.msgmax", "65536"))),
      control("seccomp-baseline", PodSecurityLevel.BASELINE, "seccomp turned off",
          v("seccompProfile Unconfined", seccomp("Unconfined"))),
      control("volume-types", PodSecurityLevel.RESTRICTED, "volume types other than the core ones",
          v("nfs volume", volume(nfs(), "/data"))),
      control("privilege-escalation", PodSecurityLevel.RESTRICTED, "privilege escalation",
          v("allowPrivilegeEscalation: true", allowPrivilegeEscalation(true)),
          v("allowPrivilegeEscalation unset", allowPrivilegeEscalation(null))),
      control("run-as-non-root", PodSecurityLevel.RESTRICTED, "containers that may run as root",
          v("runAsNonRoot: false", runAsNonRoot(false)), v("runAsNonRoot unset", runAsNonRoot(null))),
      control("run-as-user-root", PodSecurityLevel.RESTRICTED, "runAsUser 0",
          v("runAsUser: 0", runAsUser(0))),
      control("capabilities-restricted", PodSecurityLevel.RESTRICTED,
          "keeping capabilities, or adding any but NET_BIND_SERVICE",
          v("drop ALL missing", keepAllCapabilities()), v("adds CHOWN", addCapabilities("CHOWN"))),
      control("seccomp-restricted", PodSecurityLevel.RESTRICTED, "a missing seccomp profile",
          v("seccompProfile unset", seccomp(null))));

  /**
   * Controls the standard drops from a version on (its minor): from 1.35, procMount Unmasked is
   * allowed in a user namespace, the only place the API server accepts it, so no pod can break
   * the control any more.
   */
  private static final Map<String, Integer> DROPPED_FROM_MINOR = Map.of("proc-mount", 35);

  private PodSecurityControls() {}

  /** Every control: baseline first, then what restricted adds. */
  public static List<PodSecurityControl> all() {
    return ALL;
  }

  /** The controls a namespace enforcing {@code level} must deny. */
  public static List<PodSecurityControl> forLevel(PodSecurityLevel level) {
    return level == PodSecurityLevel.RESTRICTED ? ALL
        : ALL.stream().filter(c -> c.level() == PodSecurityLevel.BASELINE).toList();
  }

  /**
   * The controls of {@code level} in the standard of Kubernetes {@code version} (such as
   * {@code v1.36} or {@code v1.34.4}; a namespace's {@code enforce-version}, or the API server's
   * own for {@code latest}).
   */
  public static List<PodSecurityControl> forLevel(PodSecurityLevel level, String version) {
    Matcher minor = MINOR.matcher(version);
    if (!minor.find()) {
      return forLevel(level);
    }
    int number = Integer.parseInt(minor.group(1));
    return forLevel(level).stream()
        .filter(c -> number < DROPPED_FROM_MINOR.getOrDefault(c.id(), Integer.MAX_VALUE))
        .toList();
  }

  private static final Pattern MINOR = Pattern.compile("^v?1\\.(\\d+)");

  private static PodSecurityControl control(
      String id, PodSecurityLevel level, String forbids, ProbeVariant... violations) {
    return new PodSecurityControl(id, level, forbids, Arrays.asList(violations));
  }

  private static ProbeVariant v(String label, PodChange change) {
    return ProbeVariant.pod(label, change);
  }

  private static Volume nfs() {
    Volume volume = new Volume();
    volume.setName("nfs");
    NFSVolumeSource source = new NFSVolumeSource();
    source.setServer("nfs.policyprobe.invalid");
    source.setPath("/exports");
    volume.setNfs(source);
    return volume;
  }
}
