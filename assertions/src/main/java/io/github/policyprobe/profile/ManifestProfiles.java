package io.github.policyprobe.profile;

import io.github.policyprobe.internal.manifests.ManifestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives a requirement profile from rendered manifests ({@code helm template}, {@code kustomize
 * build}, {@code kubectl get -o yaml}): every object that makes Pods, every container, every
 * security-relevant field as a requirement of its own, and every workload as rendered.
 */
final class ManifestProfiles {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestProfiles.class);

  private ManifestProfiles() {}

  static RequirementProfile derive(String name, List<Path> locations) {
    if (locations.isEmpty()) {
      throw new ProfileFormatException("Profile " + name + ": no manifest files or folders given");
    }
    List<ManifestFiles.Entry> documents;
    try {
      documents = ManifestFiles.read(locations);
    } catch (IllegalArgumentException e) {
      throw new ProfileFormatException(e.getMessage(), e);
    }
    List<RenderedWorkload> workloads = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Map<String, Object>> rbac = new ArrayList<>();
    for (ManifestFiles.Entry document : documents) {
      if (ProductRbac.KINDS.contains(document.kind()) && document.apiVersion().startsWith("rbac.authorization.k8s.io/")
          || document.kind().equals("ServiceAccount") && document.apiVersion().equals("v1")) {
        rbac.add(document.object());
      }
      Optional<RenderedWorkload> workload = RenderedWorkload.of(document);
      workload.ifPresent(workloads::add);
      if (workload.isEmpty() && RenderedWorkload.makesPods(document)) {
        notes.add(document.origin() + ": " + document.apiVersion() + " is not an API version Kubernetes serves"
            + " today (apps/v1, batch/v1 or v1); not probed: render the chart for a current Kubernetes version");
      }
    }
    if (workloads.isEmpty()) {
      throw new ProfileFormatException(locations + ": no Pod, Deployment, DaemonSet, StatefulSet, ReplicaSet,"
          + " Job or CronJob among " + documents.size() + " objects: is this a rendered chart?");
    }
    List<Requirement> requirements = new ArrayList<>();
    Set<String> keys = workloads.stream().map(RenderedWorkload::key).collect(Collectors.toSet());
    Map<String, Long> prefixes = workloads.stream()
        .collect(Collectors.groupingBy(RenderedWorkload::idPrefix, Collectors.counting()));
    for (RenderedWorkload workload : workloads) {
      Optional<String> owner = workload.controllerOwner().filter(keys::contains);
      if (owner.isPresent()) {
        // kubectl get -o yaml lists a Deployment, its ReplicaSets and their Pods: the owner stands for them
        notes.add(workload.document().origin() + ": not probed on its own: " + owner.get()
            + ", which creates it, is in the manifests and is probed");
        continue;
      }
      String prefix = prefixes.get(workload.idPrefix()) > 1 ? workload.idPrefixWithNamespace() : workload.idPrefix();
      requirements.addAll(WorkloadNeeds.of(workload, prefix));
      for (String field : KnownPodFields.unknown(workload.rawPodSpec(), workload.specPath())) {
        notes.add(workload.document().origin() + ": " + field + " is a field policyprobe does not know;"
            + " only the row " + prefix + " (the workload as rendered) checks it");
      }
    }
    notes.forEach(LOG::warn);
    Optional<String> rendered = commonNamespace(workloads);
    RequirementProfile.Builder builder = RequirementProfile.builder(name).requirements(requirements).notes(notes)
        .rbac(new ProductRbac(rbac, rendered.orElse("")));
    rendered.ifPresent(builder::installedIn);
    return builder.build();
  }

  /** The namespace most workloads name, so that {@code helm template -n x} output lands in x. */
  private static Optional<String> commonNamespace(List<RenderedWorkload> workloads) {
    Map<String, Long> counts = workloads.stream().flatMap(w -> w.namespace().stream())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    return counts.entrySet().stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey);
  }

  /** A profile name from the first location: its file name without the extension. */
  static String nameOf(Path location) {
    Path file = location.getFileName();
    String name = file == null ? "manifests" : file.toString().replaceFirst("\\.(ya?ml|json)$", "");
    return name.isBlank() ? "manifests" : name;
  }
}
