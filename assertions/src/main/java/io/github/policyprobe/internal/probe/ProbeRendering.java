package io.github.policyprobe.internal.probe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.github.policyprobe.probe.Identity;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.Operation;
import io.github.policyprobe.probe.ProbeVariant;
import java.util.List;

/** Turns a requirement's {@link ProbeVariant} into the probes sent for it in one namespace. */
public final class ProbeRendering {
  private ProbeRendering() {}

  /** The probes for {@code variant} in one namespace, sent by the cluster admin. */
  public static List<Probe> render(ProbeVariant variant, NeutralTemplate template, String requirementId,
      String namespace) {
    return render(variant, template, requirementId, namespace, Identity.ADMIN);
  }

  /**
   * The probes for {@code variant} in one namespace: one Pod (or operation), or a controller and
   * its Pod. The Pod or controller is sent by {@code creator}; a controller's Pod by the controller
   * that would create it ({@link Identity#creatorOfPodsOf}).
   */
  public static List<Probe> render(ProbeVariant variant, NeutralTemplate template, String requirementId,
      String namespace, Identity creator) {
    HasMetadata rendered = variant.rendered();
    Operation operation = variant.operation();
    HasMetadata object;
    if (rendered != null) {
      object = RenderedObjects.forProbe(rendered, requirementId);
    } else {
      Pod pod = template.pod(requirementId);
      variant.change().applyTo(pod);
      object = template.controller(variant.kind(), pod);
    }
    if (object instanceof Pod pod) {
      return List.of(new Probe(requirementId, variant.label(),
          operation instanceof Operation.LabelNamespace ? "Namespace" : "Pod", namespace,
          rendered != null ? RenderedObjects.standalonePod(pod, template) : pod, creator, operation));
    }
    Pod pod = NeutralTemplate.podOf(object);
    if (rendered != null) {
      pod = RenderedObjects.standalonePod(pod, template);
    }
    String kind = variant.kind().kind();
    return List.of(
        new Probe(requirementId, variant.label(), kind, namespace, object, creator, operation),
        new Probe(requirementId, variant.label(), "Pod of the " + kind + "'s template", namespace, pod,
            Identity.creatorOfPodsOf(variant.kind()), operation));
  }
}
