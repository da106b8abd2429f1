package io.github.policyprobe.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A running cluster with the team's policies applied: what a test receives from
 * {@code @PolicyCluster}. policyprobe owns its lifecycle: the cluster is shared by every class
 * with equal settings and stopped at the end of the run, so a test never closes it.
 *
 * <p>Its policies are the ones {@code @PolicyCluster(manifests = ...)} names; policyprobe applies
 * them and proves them in force before the first test sees the cluster.
 *
 * <p>policyprobe implements this interface and users only call it: a later release may add
 * methods to it.
 */
public interface Cluster {

  /**
   * An admin client for this cluster, shared by everyone who asks; do not close it. The first
   * call waits, if need be, until the API server's bootstrap data is in place, so that probes see
   * the cluster as a booted one: pods may name system PriorityClasses, and identities other than
   * the admin have the default roles.
   */
  KubernetesClient client();

  /**
   * A new client for this cluster whose HTTP layer the caller may customise (an interceptor that
   * reads {@code Warning} headers, say). The caller closes it.
   */
  KubernetesClient newClient(Consumer<HttpClient.Builder> httpCustomizer);

  /** A kubeconfig with admin credentials, for kubectl or any other client. */
  String kubeconfigYaml();

  /** The API server's version, such as v1.36.3 (k3s adds +k3s1). */
  String serverVersion();

  /** The backend that started this cluster (never AUTO). */
  Backend backend();

  /** The settings this cluster serves now. */
  ClusterSpec spec();

  /**
   * Whether this is somebody's running cluster: then nothing may be persisted in it, and probes
   * are dry-runs only (as they always are).
   */
  boolean isExisting();

  /**
   * Creates a namespace with labels (or relabels it if it exists) and waits until pods can be
   * created in it and every admission path sees its labels. The namespace is deleted when the
   * cluster moves on to another class's policies.
   *
   * @throws IllegalStateException on an existing cluster, unless {@code applyToExisting} is set
   */
  Namespace createNamespace(String name, Map<String, String> labels);

  /**
   * What a report says about this cluster, such as {@code LOCAL, Kubernetes v1.36.3, engines:
   * Kyverno v1.19.0; policies: policies/; admissionConfig: policies/admission.yaml}.
   */
  String description();
}
