package io.github.policyprobe.internal.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.github.policyprobe.internal.objects.PodContainers;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.PodChanges;
import io.github.policyprobe.probe.ProbeVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Combinations a requirement's probe must not make: ones the API server's own validation refuses
 * (the probe would then blame no policy) and ones the kubelet would never start (a policy
 * admitting them would prove nothing). Requirements check their variants when built, so builders
 * and YAML profiles alike fail early with the reason. (Pod Security controls, which are meant to
 * be denied, may break the kubelet's rule to isolate one check.)
 */
public final class ProbeConsistency {
  private ProbeConsistency() {}

  /** The problems of {@code pod}, one line each; empty when it is consistent. */
  public static List<String> problems(Pod pod) {
    List<String> problems = new ArrayList<>();
    PodSecurityContext podSecurity = pod.getSpec().getSecurityContext();
    for (Container container : PodContainers.of(pod)) {
      SecurityContext security = container.getSecurityContext();
      boolean privileged = security != null && Boolean.TRUE.equals(security.getPrivileged());
      Long user = Optional.ofNullable(security).map(SecurityContext::getRunAsUser)
          .orElse(podSecurity == null ? null : podSecurity.getRunAsUser());
      Boolean nonRoot = Optional.ofNullable(security).map(SecurityContext::getRunAsNonRoot)
          .orElse(podSecurity == null ? null : podSecurity.getRunAsNonRoot());
      if (Long.valueOf(0).equals(user) && Boolean.TRUE.equals(nonRoot)) {
        problems.add("container " + container.getName() + " runs as user 0 with runAsNonRoot true, which"
            + " the kubelet never starts: remove runAsNonRoot (PodChanges.runAsRoot(), YAML runAsRoot: true)");
      }
      if (privileged && security.getAllowPrivilegeEscalation() == Boolean.FALSE) {
        problems.add("container " + container.getName() + " is privileged with allowPrivilegeEscalation"
            + " false, which the API server refuses: leave allowPrivilegeEscalation unset");
      }
      for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
        if ("Bidirectional".equals(mount.getMountPropagation()) && !privileged) {
          problems.add("container " + container.getName() + " mounts " + mount.getName()
              + " with Bidirectional propagation but is not privileged, which the API server refuses:"
              + " add privileged");
        }
      }
    }
    return problems;
  }

  /**
   * The problems of a variant rendered on the default neutral template, such as
   * {@code container probe runs as user 0 with runAsNonRoot true ...}; empty when consistent.
   */
  public static List<String> problems(ProbeVariant variant) {
    Pod pod = NeutralTemplate.restricted().pod("consistency");
    variant.change().applyTo(pod);
    return problems(pod);
  }
}
