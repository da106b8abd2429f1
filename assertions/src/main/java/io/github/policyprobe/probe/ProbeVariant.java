package io.github.policyprobe.probe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Objects;

/**
 * One object a requirement sends: the neutral template plus a change, as a Pod, a Deployment or
 * a DaemonSet. A requirement with several values to check (each supplemental group, say) has one
 * variant per value.
 *
 * @param label what this variant checks, such as {@code fsGroup 2000}; empty for the only one
 * @param kind what it is sent as; a Deployment or DaemonSet is also sent as the Pod its template
 *     would create, since PodSecurity enforces on Pods only
 * @param change the change made to the neutral template
 */
public record ProbeVariant(String label, ProbeKind kind, PodChange change) {

  public ProbeVariant {
    label = label == null ? "" : label;
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(change, "change");
  }

  /** A Pod, or a Deployment when {@code asDeployment}. */
  public ProbeVariant(String label, boolean asDeployment, PodChange change) {
    this(label, asDeployment ? ProbeKind.DEPLOYMENT : ProbeKind.POD, change);
  }

  public static ProbeVariant pod(String label, PodChange change) {
    return new ProbeVariant(label, ProbeKind.POD, change);
  }

  public static ProbeVariant deployment(String label, PodChange change) {
    return new ProbeVariant(label, ProbeKind.DEPLOYMENT, change);
  }

  public static ProbeVariant daemonSet(String label, PodChange change) {
    return new ProbeVariant(label, ProbeKind.DAEMON_SET, change);
  }

  /** Whether it is sent as a Deployment. */
  public boolean asDeployment() {
    return kind == ProbeKind.DEPLOYMENT;
  }

  /** The probes for this variant in one namespace: one Pod, or a controller and its Pod. */
  public List<Probe> render(NeutralTemplate template, String requirementId, String namespace) {
    Pod pod = template.pod(requirementId);
    change.applyTo(pod);
    if (kind == ProbeKind.POD) {
      return List.of(new Probe(requirementId, label, "Pod", namespace, pod));
    }
    HasMetadata controller = kind == ProbeKind.DEPLOYMENT ? template.deployment(pod) : template.daemonSet(pod);
    return List.of(
        new Probe(requirementId, label, kind.kind(), namespace, controller),
        new Probe(requirementId, label, "Pod of the " + kind.kind() + "'s template", namespace,
            NeutralTemplate.podOf(controller)));
  }
}
