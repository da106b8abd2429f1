package io.github.policyprobe.internal.enforcement;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.policyprobe.internal.probe.Probe;
import java.util.Optional;

/**
 * Why Pod Security skips a probe, as its AdmissionConfiguration says: the sender's username or the
 * Pod's runtime class is exempt. Pod Security answers such a request without a word, so the
 * verdict says it instead. (An exempt namespace is explained with the namespace: UnpolicedReasons.)
 */
final class PodSecurityExemption {
  private PodSecurityExemption() {}

  static Optional<String> of(PodSecurityDefaults config, Probe probe) {
    String where = " (" + config.source() + ")";
    if (probe.sender().impersonated() && config.exemptUsernames().contains(probe.sender().username())) {
      return Optional.of("Pod Security does not check it: its sender " + probe.sender().username()
          + " is in exemptions.usernames" + where);
    }
    if (probe.object() instanceof Pod pod && pod.getSpec() != null && pod.getSpec().getRuntimeClassName() != null
        && config.exemptRuntimeClasses().contains(pod.getSpec().getRuntimeClassName())) {
      return Optional.of("Pod Security does not check it: its runtime class " + pod.getSpec().getRuntimeClassName()
          + " is in exemptions.runtimeClasses" + where);
    }
    return Optional.empty();
  }
}
