package io.github.policyprobe.internal.manifests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.policyprobe.internal.inforce.AdmissionSentinels;
import io.github.policyprobe.internal.inforce.CrdsEstablished;
import io.github.policyprobe.internal.inforce.EngineObjectStatus;
import io.github.policyprobe.internal.inforce.EngineReadiness;
import io.github.policyprobe.internal.progress.ProgressLog;
import io.github.policyprobe.internal.wait.BoundedWait;
import io.github.policyprobe.internal.wait.BoundedWait.NotYet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Applies manifests in an order that always works, and returns only once their policies are in
 * force: Namespaces and CRDs first (each CRD awaited until Established), then everything else,
 * admission policies before their bindings, webhook configurations last.
 */
public final class ManifestApplier {
  private static final Logger LOG = ProgressLog.of(ManifestApplier.class);
  static final String FIELD_MANAGER = "policyprobe";

  private final KubernetesClient client;
  private final Duration timeout;
  private final ApiDiscovery discovery;

  public ManifestApplier(KubernetesClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
    this.discovery = new ApiDiscovery(client);
  }

  public AppliedManifests apply(List<ManifestDocument> documents) {
    return apply(documents, AppliedManifests.NONE);
  }

  /**
   * Like {@link #apply(List)}, and its in-force proof also proves that {@code removedBefore},
   * deleted before this apply, no longer decides (see {@link ManifestRemover#mayDeferProof}).
   */
  public AppliedManifests apply(List<ManifestDocument> documents, AppliedManifests removedBefore) {
    long start = System.nanoTime();
    List<ManifestDocument> ordered = new ArrayList<>(documents);
    ordered.sort(Comparator.comparingInt(ApplyOrder::of)); // stable: file order within a stage
    Map<Integer, List<ManifestDocument>> stages = new TreeMap<>();
    ordered.forEach(d -> stages.computeIfAbsent(ApplyOrder.of(d), stage -> new ArrayList<>()).add(d));
    boolean crdsApplied = false;
    for (Map.Entry<Integer, List<ManifestDocument>> stage : stages.entrySet()) {
      if (crdsApplied) {
        awaitCrdsEstablished(ordered);
        discovery.refresh();
        crdsApplied = false;
      }
      applyStage(stage.getValue());
      crdsApplied = stage.getKey() == ApplyOrder.CRDS;
    }
    if (crdsApplied) {
      awaitCrdsEstablished(ordered);
    }
    for (ManifestDocument document : ordered) {
      if (document.kind().equals("Namespace") && document.apiVersion().equals("v1")) {
        awaitDefaultServiceAccount(document.name());
      }
    }
    AppliedManifests applied = new AppliedManifests(ordered);
    WaitTimeoutException.during(() -> new AdmissionSentinels(client, timeout)
        .awaitInForce(applied.plus(removedBefore).resources()));
    new EngineReadiness(client, timeout).awaitInForce(applied.resources());
    LOG.info("{} manifests applied and in force ({} ms)", ordered.size(),
        (System.nanoTime() - start) / 1_000_000);
    return applied;
  }

  /**
   * A stage's documents depend on earlier stages only, so they are sent together (the loader has
   * refused two documents for one object, whose order would matter).
   */
  private void applyStage(List<ManifestDocument> stage) {
    InParallel.forEach(stage, this::applyOne);
  }

  private void applyOne(ManifestDocument document) {
    ResourceDefinitionContext context = resolveKind(document);
    GenericKubernetesResource resource = document.resource();
    String namespace = context.isNamespaceScoped()
        ? Objects.requireNonNullElse(resource.getMetadata().getNamespace(), "default")
        : null;
    try {
      var operation = client.genericKubernetesResources(context);
      var target = namespace == null ? operation.resource(resource)
          : operation.inNamespace(namespace).resource(resource);
      target.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      LOG.debug("applied {}", document.describe());
      WarnTwins.of(document).ifPresent(twin ->
          operation.resource(twin).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
    } catch (KubernetesClientException e) {
      throw new ManifestException(document.describe() + ": the API server rejected it (HTTP "
          + e.getCode() + "): " + serverMessage(e), e);
    }
  }

  private ResourceDefinitionContext resolveKind(ManifestDocument document) {
    Optional<ResourceDefinitionContext> context = discovery.find(document.apiVersion(), document.kind());
    if (context.isEmpty() && ApplyOrder.isGatekeeperConstraint(document)) {
      // A constraint's kind appears only once Gatekeeper has turned its template into a CRD; a
      // template Gatekeeper rejected never becomes one, so its error ends the wait at once.
      BoundedWait.Check<ResourceDefinitionContext> served = BoundedWait.toleratingFailures(() -> {
        discovery.refresh();
        return discovery.find(document.apiVersion(), document.kind()).orElseThrow(() ->
            new NotYet("API discovery does not list kind " + document.kind() + " in "
                + document.apiVersion()));
      });
      context = Optional.of(WaitTimeoutException.await(timeout, "the CRD for Gatekeeper constraint"
          + " kind " + document.kind() + " (from its ConstraintTemplate) to be served, for "
          + document.describe(), () -> {
            templateRejection(document.kind()).ifPresent(error -> {
              throw new ManifestException(document.describe() + ": its kind " + document.kind()
                  + " will never be served: " + error);
            });
            return served.attempt();
          }));
    }
    return context.orElseThrow(() -> new ManifestException(document.describe()
        + ": the cluster does not serve kind " + document.kind() + " in " + document.apiVersion()
        + "." + KindHints.forGroup(document.group())));
  }

  /**
   * Gatekeeper's error for the ConstraintTemplate of constraint kind {@code kind} (Gatekeeper
   * requires the template's name to be the kind in lower case), if it rejected it; empty while
   * the template is missing, pending or unreadable.
   */
  private Optional<String> templateRejection(String kind) {
    try {
      return Optional.ofNullable(client.genericKubernetesResources("templates.gatekeeper.sh/v1", "ConstraintTemplate")
          .withName(kind.toLowerCase(Locale.ROOT)).get())
          .flatMap(EngineObjectStatus::rejection);
    } catch (KubernetesClientException e) {
      return Optional.empty(); // one more reason to wait, as for discovery
    }
  }

  private void awaitCrdsEstablished(List<ManifestDocument> documents) {
    for (ManifestDocument document : documents) {
      if (ApplyOrder.of(document) != ApplyOrder.CRDS) {
        continue;
      }
      WaitTimeoutException.await(timeout, "CustomResourceDefinition " + document.name()
          + " to be Established (" + document.describe() + ")",
          BoundedWait.toleratingFailures(CrdsEstablished.check(client, List.of(document.name()))));
    }
  }

  /**
   * Waits until pods can be created in {@code namespace}: the ServiceAccount admission plugin
   * rejects pods until the namespace's "default" ServiceAccount exists.
   */
  public void awaitDefaultServiceAccount(String namespace) {
    WaitTimeoutException.await(timeout, "the default ServiceAccount of namespace " + namespace,
        BoundedWait.toleratingFailures(() -> Optional.ofNullable(
            client.serviceAccounts().inNamespace(namespace).withName("default").get())
            .orElseThrow(() -> new NotYet("it does not exist yet"))));
  }

  private static String serverMessage(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage() : e.getMessage();
  }

  /** The stage a document is applied in; lower first. */
  static final class ApplyOrder {
    static final int NAMESPACES = 0;
    static final int CRDS = 1;
    static final int OBJECTS = 2;
    static final int CONSTRAINTS = 3;
    static final int BINDINGS = 4;
    static final int WEBHOOKS = 5;

    private static final Map<String, Integer> BY_KIND = Map.of(
        "Namespace", NAMESPACES,
        "CustomResourceDefinition", CRDS,
        "ValidatingAdmissionPolicyBinding", BINDINGS,
        "MutatingAdmissionPolicyBinding", BINDINGS,
        "ValidatingWebhookConfiguration", WEBHOOKS,
        "MutatingWebhookConfiguration", WEBHOOKS);

    static int of(ManifestDocument document) {
      if (isGatekeeperConstraint(document)) {
        return CONSTRAINTS;
      }
      return BY_KIND.getOrDefault(document.kind(), OBJECTS);
    }

    static boolean isGatekeeperConstraint(ManifestDocument document) {
      return document.group().equals("constraints.gatekeeper.sh");
    }

    private ApplyOrder() {}
  }
}
