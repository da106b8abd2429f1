package io.github.policyprobe.profile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.internal.manifests.ManifestFiles;
import io.github.policyprobe.internal.objects.PodTemplates;
import io.github.policyprobe.probe.ProbeKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An object from a rendered manifest that makes Pods (a Pod, or a controller with a pod
 * template), with its pod spec both typed, to build probes from, and as the raw YAML map, to
 * find the fields nobody taught policyprobe.
 */
record RenderedWorkload(ManifestFiles.Entry document, ProbeKind kind, HasMetadata object,
    ObjectMeta podMetadata, PodSpec podSpec, Map<String, Object> rawPodSpec, String specPath) {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String HELM_HOOK = "helm.sh/hook";

  /** The workload in {@code document}; empty if the object makes no Pods. */
  static Optional<RenderedWorkload> of(ManifestFiles.Entry document) {
    Optional<ProbeKind> kind = ProbeKind.ofKind(document.kind());
    if (kind.isEmpty() || !supportedVersion(document.apiVersion())) {
      return Optional.empty();
    }
    Map<String, Object> raw = document.object();
    HasMetadata object;
    try {
      object = SERIALIZATION.unmarshal(SERIALIZATION.asJson(raw));
    } catch (RuntimeException e) {
      throw new ProfileFormatException(document.origin() + ": not a valid " + document.kind()
          + ": " + e.getMessage(), e);
    }
    String specPath = kind.get() == ProbeKind.POD ? "spec"
        : kind.get() == ProbeKind.CRON_JOB ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec";
    ObjectMeta podMetadata;
    PodSpec spec;
    if (object instanceof Pod pod) {
      podMetadata = pod.getMetadata();
      spec = pod.getSpec();
    } else {
      PodTemplateSpec template = PodTemplates.of(object).orElse(null);
      podMetadata = template == null ? null : template.getMetadata();
      spec = template == null ? null : template.getSpec();
    }
    if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()) {
      throw new ProfileFormatException(document.origin() + ": " + specPath
          + " has no containers: is this the rendered output of the chart?");
    }
    return Optional.of(new RenderedWorkload(document, kind.get(), object,
        podMetadata == null ? new ObjectMeta() : podMetadata, spec, rawMap(raw, specPath), specPath));
  }

  /** Whether the object is of a kind that makes Pods, whatever its API version. */
  static boolean makesPods(ManifestFiles.Entry document) {
    return ProbeKind.ofKind(document.kind()).isPresent();
  }

  private static boolean supportedVersion(String apiVersion) {
    return List.of("v1", "apps/v1", "batch/v1").contains(apiVersion);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> rawMap(Map<String, Object> object, String path) {
    Object node = object;
    for (String key : path.split("\\.")) {
      node = node instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** The name, or the generateName prefix without its trailing dash. */
  String name() {
    String name = object.getMetadata().getName();
    return name != null ? name : object.getMetadata().getGenerateName().replaceAll("-+$", "");
  }

  /** The start of every requirement id of this workload, such as {@code daemonset.cilium}. */
  String idPrefix() {
    return kind.kind().toLowerCase(Locale.ROOT) + "." + name();
  }

  /** The id prefix with the namespace, for workloads of one name in several namespaces. */
  String idPrefixWithNamespace() {
    return kind.kind().toLowerCase(Locale.ROOT) + "." + namespace().orElse("default") + "." + name();
  }

  /** The controller that owns this object in the cluster it was read from ({@code kubectl get} output), if any. */
  Optional<String> controllerOwner() {
    return object.getMetadata().getOwnerReferences() == null ? Optional.empty()
        : object.getMetadata().getOwnerReferences().stream()
            .filter(owner -> Boolean.TRUE.equals(owner.getController()))
            .map(owner -> owner.getKind() + "/" + namespace().orElse("default") + "/" + owner.getName())
            .findFirst();
  }

  /** Kind, namespace and name, as {@link #controllerOwner()} names an owner. */
  String key() {
    return kind.kind() + "/" + namespace().orElse("default") + "/" + name();
  }

  /** Such as {@code DaemonSet cilium} or {@code Job cilium-pre-install (Helm hook pre-install)}. */
  String describe() {
    String hook = object.getMetadata().getAnnotations() == null ? null
        : object.getMetadata().getAnnotations().get(HELM_HOOK);
    return kind.kind() + " " + name() + (hook == null ? "" : " (Helm hook " + hook + ")");
  }

  /** The namespace the manifest puts it in; empty when it names none. */
  Optional<String> namespace() {
    return Optional.ofNullable(object.getMetadata().getNamespace()).filter(ns -> !ns.isBlank());
  }
}
