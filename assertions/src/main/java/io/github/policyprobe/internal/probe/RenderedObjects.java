package io.github.policyprobe.internal.probe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.internal.objects.PodTemplates;
import io.github.policyprobe.internal.objects.ProbeNames;
import io.github.policyprobe.probe.NeutralTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readies an object as a manifest rendered it for a dry-run create in a probe namespace: a copy,
 * without what only a stored object has ({@code kubectl get -o yaml} output carries
 * resourceVersion, uid, status, owners), named by {@code generateName} so that it never collides
 * with an installed copy, and labelled as a probe.
 */
final class RenderedObjects {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private RenderedObjects() {}

  static HasMetadata forProbe(HasMetadata rendered, String probeId) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = new LinkedHashMap<>(SERIALIZATION.convertValue(rendered, Map.class));
    map.remove("status");
    HasMetadata copy = SERIALIZATION.convertValue(map, rendered.getClass());
    ObjectMeta meta = copy.getMetadata() == null ? new ObjectMeta() : copy.getMetadata();
    String name = meta.getName() != null ? meta.getName() : meta.getGenerateName();
    ObjectMeta fresh = new ObjectMeta();
    fresh.setGenerateName(ProbeNames.generateName(name == null ? probeId : name));
    fresh.setLabels(withProbeLabel(meta.getLabels(), probeId));
    fresh.setAnnotations(meta.getAnnotations());
    copy.setMetadata(fresh);
    PodTemplates.of(copy).ifPresent(template -> {
      ObjectMeta templateMeta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
      templateMeta.setLabels(withProbeLabel(templateMeta.getLabels(), probeId));
      template.setMetadata(templateMeta);
    });
    return copy;
  }

  /**
   * The Pod a rendered object makes, ready to stand alone in a probe namespace. A Pod is checked
   * against objects it names that a dry-run cannot create: the ServiceAccount admission plugin
   * refuses a missing service account, Priority a missing PriorityClass, RuntimeClass a missing
   * RuntimeClass. Those names are replaced by the template's service account and dropped, so that
   * the chart's own objects, absent from a probe namespace, never read as a policy's denial.
   */
  static Pod standalonePod(Pod rendered, NeutralTemplate template) {
    Pod pod = SERIALIZATION.clone(rendered); // a controller's Pod shares its template's spec
    PodSpec spec = pod.getSpec();
    if (spec != null) {
      spec.setServiceAccountName(template.serviceAccount().isEmpty() ? null : template.serviceAccount());
      spec.setServiceAccount(null);
      spec.setNodeName(null);
      if (spec.getPriorityClassName() != null && !spec.getPriorityClassName().startsWith("system-")) {
        spec.setPriorityClassName(null);
      }
      spec.setPriority(null);
      spec.setRuntimeClassName(null);
    }
    return pod;
  }

  private static LinkedHashMap<String, String> withProbeLabel(Map<String, String> labels, String probeId) {
    LinkedHashMap<String, String> copy = labels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(labels);
    copy.put(NeutralTemplate.PROBE_LABEL, ProbeNames.labelValue(probeId));
    return copy;
  }
}
