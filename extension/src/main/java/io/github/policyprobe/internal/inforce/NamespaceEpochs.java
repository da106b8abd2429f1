package io.github.policyprobe.internal.inforce;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.internal.kube.GenericResources;
import io.github.policyprobe.internal.kube.NamespaceFinalizer;
import io.github.policyprobe.internal.kube.NoRetries;
import io.github.policyprobe.internal.wait.BoundedWait;
import io.github.policyprobe.internal.wait.BoundedWait.NotYet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that every admission path that reads namespace labels sees each namespace as last
 * written: Pod Security, the namespaceSelectors of ValidatingAdmissionPolicy bindings and
 * webhooks, Kyverno's and Gatekeeper's namespace selectors. Each reads labels from an informer
 * cache, which lags a relabel or a namespace deleted and created again under the same name; a
 * probe sent meanwhile is judged against the old labels.
 *
 * <p>An informer applies the events of one kind in the order they were written. So after
 * policyprobe's namespace writes, one more namespace write, unique to this proof (the epoch), is
 * made; a path whose cache holds the epoch holds every earlier write too. Each path shows what it
 * holds through a sentinel policy of its own, which only the current epoch triggers:
 * <ul>
 *   <li>kube-apiserver (one namespace informer shared by Pod Security, policy bindings and
 *       webhooks): a ValidatingAdmissionPolicy that compares a condition in
 *       {@code namespaceObject.status} of the marker namespace, rewritten with each epoch, with
 *       the epoch a dry-run ConfigMap there carries;
 *   <li>Gatekeeper: a constraint that does the same with {@code input.review.namespaceObject};
 *   <li>Kyverno, whose classic policies see no namespace labels or status: a ClusterPolicy that
 *       selects namespaces by a label, and a namespace made for this epoch with that label.
 *       Kyverno reads namespaces from its informer alone (no fallback to the API server), so its
 *       denial there shows that its informer holds the new namespace.
 * </ul>
 * The epoch goes into the marker's status, through the status subresource, which the team's
 * namespace policies do not judge. kube-apiserver and Gatekeeper ask the API server when their
 * cache has no such namespace at all; that is why their marker is one namespace, created at boot
 * before any other namespace policyprobe writes. The sentinels stay for the cluster's life and
 * touch only the ConfigMaps labelled for them.
 */
public final class NamespaceEpochs {
  /** The namespace whose status carries the epoch: made at boot, before any other namespace. */
  public static final String MARKER_NAMESPACE = "policyprobe-epoch";
  /** The name of the sentinels (and the prefix of their dry-run ConfigMaps). */
  public static final String SENTINEL = "policyprobe-namespace-epoch";
  /**
   * The label on policyprobe's own objects (value {@code policyprobe}), by which reports on the
   * team's policies leave them out.
   */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  /** The marker's status condition whose message is the current epoch. */
  static final String EPOCH_CONDITION = "policyprobe.io/Epoch";
  static final String APISERVER_PROBE = "policyprobe.io/epoch-probe-apiserver";
  static final String GATEKEEPER_PROBE = "policyprobe.io/epoch-probe-gatekeeper";
  static final String KYVERNO_PROBE = "policyprobe.io/epoch-probe-kyverno";
  static final String KYVERNO_NAMESPACE_LABEL = "policyprobe.io/epoch-kyverno";
  private static final String GATEKEEPER_KIND = "PolicyprobeNamespaceEpoch";
  private static final String KYVERNO_SEEN = SENTINEL + ": namespace seen";
  private static final Logger LOG = LoggerFactory.getLogger(NamespaceEpochs.class);
  private static final Duration POLL = Duration.ofMillis(10);

  private final KubernetesClient client;
  private final KubernetesClient withoutRetries;
  private final boolean kyverno;
  private final boolean gatekeeper;
  private final boolean finalizeNamespaces;
  private boolean sentinelsCreated;
  private boolean kyvernoUnproven;

  /**
   * @param kyverno whether Kyverno runs (its path is proven too)
   * @param gatekeeper whether Gatekeeper runs
   * @param finalizeNamespaces whether deleted namespaces must be finalized by hand (no namespace
   *     controller runs)
   */
  public NamespaceEpochs(KubernetesClient client, boolean kyverno, boolean gatekeeper,
      boolean finalizeNamespaces) {
    this.client = client;
    this.withoutRetries = NoRetries.of(client);
    this.kyverno = kyverno;
    this.gatekeeper = gatekeeper;
    this.finalizeNamespaces = finalizeNamespaces;
  }

  /**
   * Creates the marker namespace and the sentinels: before any other namespace is written, so
   * that a cache without the marker has none of the later writes either.
   */
  public synchronized void prepare(Duration timeout) {
    createMarker();
    createSentinels(timeout);
  }

  /**
   * Returns once every admission path sees each namespace with the labels written before this
   * call (policyprobe's own writes; nothing else writes namespaces in its clusters). Proofs run
   * one at a time: each rewrites the marker's epoch, and a concurrent one would overwrite it.
   *
   * @throws BoundedWait.TimedOut naming the path that did not catch up within the timeout
   */
  public synchronized void awaitCurrent(Duration timeout) {
    long start = System.nanoTime();
    if (!sentinelsCreated) {
      prepare(timeout);
    }
    String epoch = epoch();
    write(epoch, timeout);
    BoundedWait.until(timeout, POLL, "kube-apiserver's namespace cache (Pod Security, policy bindings,"
        + " webhooks) to hold namespace epoch " + epoch,
        () -> deniedSeeing(dryRun(MARKER_NAMESPACE, APISERVER_PROBE, epoch), seen(epoch)));
    if (gatekeeper) {
      BoundedWait.until(timeout, POLL, "Gatekeeper's namespace cache to hold namespace epoch " + epoch,
          () -> deniedSeeing(dryRun(MARKER_NAMESPACE, GATEKEEPER_PROBE, epoch), seen(epoch)));
    }
    if (kyverno) {
      awaitKyverno(epoch, timeout);
    }
    LOG.debug("namespace epoch {} seen by every admission path ({} ms)", epoch,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** What the kube-apiserver and Gatekeeper sentinels say once they see {@code epoch}. */
  private static String seen(String epoch) {
    return "namespace epoch " + epoch + " seen";
  }

  private static String epoch() {
    return UUID.randomUUID().toString().substring(0, 12);
  }

  /** Creates the marker namespace if need be; its first epoch is written by the first proof. */
  private void createMarker() {
    if (client.namespaces().withName(MARKER_NAMESPACE).get() != null) {
      return;
    }
    try {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(MARKER_NAMESPACE)
          .addToLabels(MANAGED_BY, "policyprobe").endMetadata().build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw new IllegalStateException("policyprobe could not create its namespace " + MARKER_NAMESPACE
            + " (HTTP " + e.getCode() + "): " + e.getMessage(), e);
      }
    }
  }

  /**
   * Writes the epoch as a condition of the marker's status: a write through the status
   * subresource, which the team's namespace policies (webhooks and policies match
   * {@code namespaces}, not {@code namespaces/status}) do not judge, and which admission sees in
   * {@code namespaceObject.status}.
   */
  private void write(String epoch, Duration timeout) {
    try {
      BoundedWait.until(timeout, "the epoch " + epoch + " written into namespace " + MARKER_NAMESPACE,
          BoundedWait.toleratingFailures(() -> {
            // Read afresh each time: a write that met a newer version (HTTP 409) is tried again.
            Namespace marker = client.namespaces().withName(MARKER_NAMESPACE).get();
            marker.getStatus().setConditions(List.of(new NamespaceConditionBuilder().withType(EPOCH_CONDITION)
                .withStatus("True").withReason("Epoch").withMessage(epoch).build()));
            return client.namespaces().resource(marker).updateStatus();
          }));
    } catch (BoundedWait.TimedOut e) {
      throw new IllegalStateException("policyprobe could not write epoch " + epoch + " into the status of its"
          + " namespace " + MARKER_NAMESPACE + ": " + e.getMessage()
          + " It proves with it that admission sees every namespace as declared.", e);
    }
  }

  private void awaitKyverno(String epoch, Duration timeout) {
    String namespace = MARKER_NAMESPACE + "-" + epoch;
    try {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
          .addToLabels(KYVERNO_NAMESPACE_LABEL, "true").addToLabels(MANAGED_BY, "policyprobe")
          .endMetadata().build()).create();
    } catch (KubernetesClientException e) {
      // The team's own policies may judge namespaces (required labels, say): then this path
      // cannot be proven, which is no reason to fail their suite. Said once per cluster.
      if (!kyvernoUnproven) {
        kyvernoUnproven = true;
        LOG.warn("Kyverno's view of namespace labels cannot be proven: creating namespace {} was refused"
            + " (HTTP {}): {}. A probe sent right after a swap may meet Kyverno's older labels.",
            namespace, e.getCode(), e.getMessage());
      }
      return;
    }
    try {
      BoundedWait.until(timeout, POLL, "Kyverno's namespace cache to hold namespace " + namespace,
          () -> deniedSeeing(dryRun(namespace, KYVERNO_PROBE, epoch), KYVERNO_SEEN));
    } finally {
      remove(namespace);
    }
  }

  private void remove(String namespace) {
    try {
      client.namespaces().withName(namespace).delete();
      Namespace deleted = client.namespaces().withName(namespace).get();
      if (finalizeNamespaces && deleted != null) {
        NamespaceFinalizer.finalize(client, deleted);
      }
    } catch (KubernetesClientException e) {
      // a namespace left behind names an old epoch and decides nothing
    }
  }

  /** A marked dry-run ConfigMap: null when admitted, else the refusal. */
  private KubernetesClientException dryRun(String namespace, String probeLabel, String epoch) {
    try {
      withoutRetries.configMaps().inNamespace(namespace)
          .resource(new ConfigMapBuilder().withNewMetadata().withName(SENTINEL + "-probe")
              .addToLabels(probeLabel, epoch).endMetadata().build())
          .dryRun().create();
      return null;
    } catch (KubernetesClientException e) {
      return e;
    }
  }

  private static boolean deniedSeeing(KubernetesClientException refusal, String expected) throws NotYet {
    if (refusal == null) {
      throw new NotYet("a marked dry-run ConfigMap was admitted");
    }
    if (String.valueOf(refusal.getMessage()).contains(expected)) {
      return true;
    }
    throw new NotYet("a marked dry-run was refused otherwise: " + refusal.getMessage());
  }

  private void createSentinels(Duration timeout) {
    List<GenericKubernetesResource> sentinels = new java.util.ArrayList<>(apiServerSentinel());
    if (kyverno) {
      sentinels.add(kyvernoSentinel());
    }
    if (gatekeeper) {
      sentinels.addAll(gatekeeperSentinel());
    }
    for (GenericKubernetesResource sentinel : sentinels) {
      // A constraint's kind is served only once its template has become a CRD; an engine's own
      // webhook that checks its policies may fail a call now and then while it settles.
      BoundedWait.until(timeout, "the API server to accept " + sentinel.getKind() + " " + SENTINEL,
          BoundedWait.toleratingFailures(() -> KindOperations.of(client, sentinel).resource(sentinel)
              .fieldManager("policyprobe").forceConflicts().serverSideApply()));
    }
    sentinelsCreated = true;
  }

  private static List<GenericKubernetesResource> apiServerSentinel() {
    String probe = "object.metadata.labels['" + APISERVER_PROBE + "']";
    String seen = "has(namespaceObject.status) && has(namespaceObject.status.conditions)"
        + " && namespaceObject.status.conditions.exists(c, c.type == '" + EPOCH_CONDITION + "'"
        + " && has(c.message) && c.message == " + probe + ")";
    GenericKubernetesResource policy = GenericResources.of(Map.of(
        "apiVersion", "admissionregistration.k8s.io/v1",
        "kind", "ValidatingAdmissionPolicy",
        "metadata", sentinelMetadata(SENTINEL),
        "spec", Map.of(
            "failurePolicy", "Fail",
            "matchConstraints", Map.of("resourceRules", List.of(configMapCreates())),
            "validations", List.of(Map.of(
                "expression", "!(" + seen + ")",
                "messageExpression", "'namespace epoch ' + " + probe + " + ' seen'")))));
    GenericKubernetesResource binding = GenericResources.of(Map.of(
        "apiVersion", "admissionregistration.k8s.io/v1",
        "kind", "ValidatingAdmissionPolicyBinding",
        "metadata", sentinelMetadata(SENTINEL),
        "spec", Map.of("policyName", SENTINEL, "validationActions", List.of("Deny"),
            "matchResources", Map.of("objectSelector", labelled(APISERVER_PROBE)))));
    return List.of(policy, binding);
  }

  private static GenericKubernetesResource kyvernoSentinel() {
    return GenericResources.of(Map.of(
        "apiVersion", "kyverno.io/v1",
        "kind", "ClusterPolicy",
        "metadata", sentinelMetadata(SENTINEL),
        "spec", Map.of(
            "background", false,
            "rules", List.of(Map.of(
                "name", "epoch",
                "match", Map.of("any", List.of(Map.of("resources", Map.of(
                    "kinds", List.of("ConfigMap"),
                    "namespaceSelector", Map.of("matchLabels", Map.of(KYVERNO_NAMESPACE_LABEL, "true")),
                    "selector", labelled(KYVERNO_PROBE))))),
                "validate", Map.of(
                    "failureAction", "Enforce",
                    "message", KYVERNO_SEEN,
                    "deny", Map.of()))))));
  }

  private static List<GenericKubernetesResource> gatekeeperSentinel() {
    String template = GATEKEEPER_KIND.toLowerCase();
    String rego = String.join("\n",
        "package " + template,
        "",
        "violation[{\"msg\": msg}] {",
        "  want := input.review.object.metadata.labels[\"" + GATEKEEPER_PROBE + "\"]",
        "  condition := input.review.namespaceObject.status.conditions[_]",
        "  condition.type == \"" + EPOCH_CONDITION + "\"",
        "  condition.message == want",
        "  msg := sprintf(\"namespace epoch %v seen\", [want])",
        "}",
        "");
    GenericKubernetesResource constraintTemplate = GenericResources.of(Map.of(
        "apiVersion", "templates.gatekeeper.sh/v1",
        "kind", "ConstraintTemplate",
        "metadata", sentinelMetadata(template),
        "spec", Map.of(
            "crd", Map.of("spec", Map.of("names", Map.of("kind", GATEKEEPER_KIND))),
            "targets", List.of(Map.of("target", "admission.k8s.gatekeeper.sh", "rego", rego)))));
    GenericKubernetesResource constraint = GenericResources.of(Map.of(
        "apiVersion", "constraints.gatekeeper.sh/v1beta1",
        "kind", GATEKEEPER_KIND,
        "metadata", sentinelMetadata(SENTINEL),
        "spec", Map.of("match", Map.of(
            "kinds", List.of(Map.of("apiGroups", List.of(""), "kinds", List.of("ConfigMap"))),
            "namespaces", List.of(MARKER_NAMESPACE),
            "labelSelector", labelled(GATEKEEPER_PROBE)))));
    return List.of(constraintTemplate, constraint);
  }

  /** Labelled as policyprobe's own, so that reports on the team's policies leave them out. */
  private static Map<String, Object> sentinelMetadata(String name) {
    return Map.of("name", name, "labels", Map.of(MANAGED_BY, "policyprobe"));
  }

  private static Map<String, Object> configMapCreates() {
    return Map.of("apiGroups", List.of(""), "apiVersions", List.of("v1"),
        "operations", List.of("CREATE"), "resources", List.of("configmaps"));
  }

  private static Map<String, Object> labelled(String label) {
    return Map.of("matchExpressions", List.of(Map.of("key", label, "operator", "Exists")));
  }
}
