package io.github.policyprobe.internal.manifests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.policyprobe.internal.inforce.AdmissionSentinels;
import io.github.policyprobe.internal.inforce.EngineReadiness;
import io.github.policyprobe.internal.kube.NamespaceFinalizer;
import io.github.policyprobe.internal.progress.ProgressLog;
import io.github.policyprobe.internal.wait.BoundedWait.NotYet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Takes applied manifests out of a cluster again, so that it can serve another set of policies
 * without a restart: deletes every object in the reverse of the apply order (webhooks and
 * bindings first, namespaces and CRDs last), waits until each is gone, and proves with the
 * in-force sentinels (created after the deletions) that the API server no longer holds the
 * removed policies. Where no namespace controller runs (the local control plane) the namespaces
 * are finalized here, after their objects were deleted one by one.
 */
public final class ManifestRemover {
  private static final Logger LOG = ProgressLog.of(ManifestRemover.class);

  private final KubernetesClient client;
  private final Duration timeout;
  private final boolean finalizeNamespaces;
  private final ApiDiscovery discovery;

  /**
   * @param finalizeNamespaces whether namespaces must be finalized by hand (no namespace
   *     controller runs)
   */
  public ManifestRemover(KubernetesClient client, Duration timeout, boolean finalizeNamespaces) {
    this.client = client;
    this.timeout = timeout;
    this.finalizeNamespaces = finalizeNamespaces;
    this.discovery = new ApiDiscovery(client);
  }

  /**
   * Whether the proof that {@code applied} is out of force may wait for the next apply's proof:
   * its in-force sentinels, created after the removal as well, prove the deletions too. Only
   * where every removed policy can do no worse meanwhile than deny (no mutating admission, no
   * engine objects, whose engines have their own caches); a denial is seen and answered by
   * {@link #proveRemoved} and a second apply.
   */
  public static boolean mayDeferProof(AppliedManifests applied) {
    return !EngineReadiness.concernsEngines(applied.resources())
        && applied.documents().stream().noneMatch(d -> d.group().equals("admissionregistration.k8s.io")
            && d.kind().startsWith("Mutating"));
  }

  /** Proves that {@code applied}, already deleted, decides no more admission requests. */
  public void proveRemoved(AppliedManifests applied) {
    WaitTimeoutException.during(() -> new AdmissionSentinels(client, timeout).awaitInForce(applied.resources()));
    if (EngineReadiness.concernsEngines(applied.resources())) {
      new EngineReadiness(client, timeout).awaitRemoved(applied.resources());
    }
  }

  /**
   * Removes everything in {@code applied} and the namespaces in {@code createdNamespaces}.
   *
   * @param prove whether to prove the removal here; see {@link #mayDeferProof} for when the
   *     caller may leave that to the next apply
   */
  public void remove(AppliedManifests applied, Collection<String> createdNamespaces, boolean prove) {
    long start = System.nanoTime();
    List<ManifestDocument> documents = applied.documents();
    // Stage by stage in the reverse of the apply order (webhooks and bindings first, CRDs last);
    // a stage's objects all at once.
    Map<Integer, List<Target>> stages = new TreeMap<>(Comparator.reverseOrder());
    for (ManifestDocument document : documents) {
      if (document.kind().equals("Namespace") && document.apiVersion().equals("v1")) {
        continue; // below, with the namespaces created during tests
      }
      resolve(document).ifPresent(target -> stages
          .computeIfAbsent(ManifestApplier.ApplyOrder.of(document), stage -> new ArrayList<>()).add(target));
      if (WarnTwins.isBinding(document)) { // its twin, if it has one, goes with it
        resolve(document).ifPresent(binding -> stages.get(ManifestApplier.ApplyOrder.of(document)).add(
            new Target(binding.context(), null, WarnTwins.nameOf(document.name()),
                "the Warn twin of " + document.describe())));
      }
    }
    List<Target> deleted = new ArrayList<>();
    stages.values().forEach(stage -> {
      InParallel.forEach(stage, this::delete);
      deleted.addAll(stage);
    });
    InParallel.forEach(deleted, target ->
        WaitTimeoutException.await(timeout, target.describe() + " to be deleted", () -> gone(target)));
    // The constraint kind's CRD is owned by its template: the garbage collector removes it in a
    // cluster, but the local control plane runs none. A next spec may define the kind anew.
    InParallel.forEach(documents.stream().filter(d -> d.kind().equals("ConstraintTemplate")).toList(),
        this::deleteConstraintCrd);
    List<String> namespaces = new ArrayList<>(createdNamespaces);
    documents.stream().filter(d -> d.kind().equals("Namespace") && d.apiVersion().equals("v1"))
        .map(ManifestDocument::name).filter(n -> !namespaces.contains(n)).forEach(namespaces::add);
    // All at once: their objects go away together, not one namespace a time.
    InParallel.forEach(namespaces, namespace -> {
      deleteNamespace(namespace);
      awaitNamespaceGone(namespace);
    });
    if (prove) {
      proveRemoved(applied);
    }
    LOG.info("{} manifests removed ({} ms{})", applied.documents().size(),
        (System.nanoTime() - start) / 1_000_000, prove ? "" : ", proven with the next apply");
  }

  private void deleteConstraintCrd(ManifestDocument template) {
    String crd = template.name() + ".constraints.gatekeeper.sh";
    client.apiextensions().v1().customResourceDefinitions().withName(crd).delete();
    WaitTimeoutException.await(timeout, "CustomResourceDefinition " + crd + " to be deleted with "
        + template.describe(), () -> {
          if (client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null) {
            throw new NotYet("it still exists");
          }
          return true;
        });
  }

  private record Target(ResourceDefinitionContext context, String namespace, String name, String description) {
    String describe() {
      return description;
    }
  }

  private Optional<Target> resolve(ManifestDocument document) {
    Optional<ResourceDefinitionContext> context = discovery.find(document.apiVersion(), document.kind());
    if (context.isEmpty()) {
      return Optional.empty(); // the kind is gone already (its CRD was removed): so is the object
    }
    GenericKubernetesResource resource = document.resource();
    String namespace = context.get().isNamespaceScoped()
        ? Objects.requireNonNullElse(resource.getMetadata().getNamespace(), "default") : null;
    return Optional.of(new Target(context.get(), namespace, document.name(), document.describe()));
  }

  private void delete(Target target) {
    try {
      var operation = client.genericKubernetesResources(target.context());
      (target.namespace() == null ? operation.withName(target.name())
          : operation.inNamespace(target.namespace()).withName(target.name())).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw new ManifestException(target.describe() + ": could not be deleted (HTTP " + e.getCode() + "): "
            + e.getMessage(), e);
      }
    }
  }

  private Boolean gone(Target target) throws NotYet {
    var operation = client.genericKubernetesResources(target.context());
    GenericKubernetesResource still;
    try {
      still = (target.namespace() == null ? operation.withName(target.name())
          : operation.inNamespace(target.namespace()).withName(target.name())).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return true; // its kind went away with its CRD
      }
      throw e;
    }
    if (still != null) {
      throw new NotYet("it still exists (finalizers: " + still.getMetadata().getFinalizers() + ")");
    }
    return true;
  }

  private void deleteNamespace(String name) {
    try {
      client.namespaces().withName(name).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw new ManifestException("namespace " + name + ": could not be deleted (HTTP " + e.getCode() + "): "
            + e.getMessage(), e);
      }
    }
  }

  private void awaitNamespaceGone(String name) {
    WaitTimeoutException.await(timeout, "namespace " + name + " to be deleted", () -> {
      Namespace namespace = client.namespaces().withName(name).get();
      if (namespace == null) {
        return true;
      }
      if (finalizeNamespaces && namespace.getMetadata().getDeletionTimestamp() != null) {
        finalize(namespace);
      }
      throw new NotYet("it is " + (namespace.getStatus() == null ? "still there" : namespace.getStatus().getPhase()));
    });
  }

  /** What the namespace controller would do once the namespace is empty. */
  private void finalize(Namespace namespace) throws NotYet {
    Optional<String> failure = NamespaceFinalizer.finalize(client, namespace);
    if (failure.isPresent()) {
      throw new NotYet(failure.get());
    }
  }
}
