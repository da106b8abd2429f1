package io.github.policyprobe.identity;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.PodChanges;

/** The Pod the identity tests send: the neutral template with the kubelet's pods directory mounted. */
final class HostPaths {
  private HostPaths() {}

  static Pod pod() {
    Pod pod = NeutralTemplate.restricted().pod("host-pods");
    PodChanges.hostPath("/var/lib/kubelet/pods").applyTo(pod);
    return pod;
  }
}
