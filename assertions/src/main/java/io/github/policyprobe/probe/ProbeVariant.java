package io.github.policyprobe.probe;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Objects;

/**
 * One object a requirement sends: the neutral template plus a change, as a Pod or as a
 * Deployment. A requirement with several values to check (each supplemental group, say) has one
 * variant per value.
 *
 * @param label what this variant checks, such as {@code fsGroup 2000}; empty for the only one
 * @param asDeployment whether it is sent as a Deployment (and then also as the Pod its template
 *     would create, since PodSecurity enforces on Pods only)
 * @param change the change made to the neutral template
 */
public record ProbeVariant(String label, boolean asDeployment, PodChange change) {

  public ProbeVariant {
    label = label == null ? "" : label;
    Objects.requireNonNull(change, "change");
  }

  public static ProbeVariant pod(String label, PodChange change) {
    return new ProbeVariant(label, false, change);
  }

  public static ProbeVariant deployment(String label, PodChange change) {
    return new ProbeVariant(label, true, change);
  }

  /** The probes for this variant in one namespace: one Pod, or a Deployment and its Pod. */
  public List<Probe> render(NeutralTemplate template, String requirementId, String namespace) {
    Pod pod = template.pod(requirementId);
    change.applyTo(pod);
    if (!asDeployment) {
      return List.of(new Probe(requirementId, label, "Pod", namespace, pod));
    }
    Deployment deployment = template.deployment(pod);
    return List.of(
        new Probe(requirementId, label, "Deployment", namespace, deployment),
        new Probe(requirementId, label, "Pod of the Deployment's template", namespace,
            NeutralTemplate.podOf(deployment)));
  }
}
