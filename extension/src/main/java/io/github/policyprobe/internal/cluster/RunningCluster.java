package io.github.policyprobe.internal.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.inforce.NamespaceEpochs;
import io.github.policyprobe.internal.manifests.AppliedManifests;
import io.github.policyprobe.internal.manifests.ManifestApplier;
import io.github.policyprobe.internal.manifests.ManifestException;
import io.github.policyprobe.internal.manifests.ManifestLoader;
import io.github.policyprobe.internal.manifests.ManifestRemover;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.internal.progress.ProgressLog;
import io.github.policyprobe.internal.spi.StartedCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The {@link Cluster} policyprobe runs: besides the face a test sees, it applies and swaps
 * policies (for the class pool), reports on its processes, and closing it stops whatever its
 * backend started.
 */
public final class RunningCluster implements Cluster, AutoCloseable {
  private static final Logger LOG = ProgressLog.of(RunningCluster.class);
  private volatile ClusterSpec spec;
  private final StartedCluster started;
  private final KubernetesClient client;
  private final String serverVersion;
  private final ManifestLoader loader;
  private volatile AppliedManifests applied = AppliedManifests.NONE;
  /** Proves admission sees namespaces as written; null on an existing cluster, where none are. */
  private final NamespaceEpochs namespaceEpochs;
  /** Namespaces made by {@link #createNamespace}: a swap removes them with the applied manifests. */
  private final Set<String> createdNamespaces = ConcurrentHashMap.newKeySet();

  /** Made by {@link Clusters#start}, which applies the spec's manifests next. */
  RunningCluster(ClusterSpec spec, StartedCluster started, ManifestLoader loader) {
    this.spec = spec;
    this.started = started;
    this.loader = loader;
    this.client = newClient(builder -> {});
    this.serverVersion = client.getKubernetesVersion().getGitVersion();
    this.namespaceEpochs = isExisting() ? null : new NamespaceEpochs(client,
        spec.engines().contains(Engine.KYVERNO), spec.engines().contains(Engine.GATEKEEPER),
        started.backend() == Backend.LOCAL);
  }

  /**
   * The running cluster behind a {@link Cluster} a test received: policyprobe's own code reaches
   * the processes, logs and policy swaps through it.
   */
  public static RunningCluster of(Cluster cluster) {
    if (cluster instanceof RunningCluster running) {
      return running;
    }
    throw new IllegalArgumentException("not a cluster policyprobe started: " + cluster.getClass().getName());
  }

  /** Before any namespace is written: the marker namespace and sentinels of the epoch proof. */
  void prepareNamespaceEpochs() {
    if (namespaceEpochs != null) {
      namespaceEpochs.prepare(spec.readyTimeout());
    }
  }

  /**
   * Returns once every admission path (Pod Security, policy bindings, webhooks, Kyverno,
   * Gatekeeper) sees each namespace with the labels last written: see {@link NamespaceEpochs}.
   */
  private void awaitNamespacesCurrent() {
    if (namespaceEpochs != null) {
      namespaceEpochs.awaitCurrent(spec.readyTimeout());
    }
  }

  /**
   * An admin client for this cluster, shared by everyone who asks; closed with the cluster. The
   * first call waits, if need be, until the API server's bootstrap data is in place, so that
   * probes see the cluster as a booted one: pods may name system PriorityClasses, and identities
   * other than the admin have the default roles.
   */
  @Override
  public KubernetesClient client() {
    started.awaitBootstrapped();
    return client;
  }

  /**
   * A new client for this cluster whose HTTP layer the caller may customise (an interceptor that
   * reads {@code Warning} headers, say). The caller closes it.
   */
  @Override
  public KubernetesClient newClient(Consumer<HttpClient.Builder> httpCustomizer) {
    if (client != null) { // the constructor's own client needs no bootstrap data
      started.awaitBootstrapped();
    }
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(started.kubeconfigYaml()))
        .withHttpClientBuilderConsumer(builder -> {
          builder.addOrReplaceInterceptor("policyprobe-fail-fast", new FailFastWhenDead(started));
          httpCustomizer.accept(builder);
        })
        .build();
  }

  /** A kubeconfig with admin credentials, for kubectl or any other client. */
  @Override
  public String kubeconfigYaml() {
    started.awaitBootstrapped();
    return started.kubeconfigYaml();
  }

  /** The API server's version, such as v1.34.4 (k3s adds +k3s1). */
  @Override
  public String serverVersion() {
    return serverVersion;
  }

  /** The backend that started this cluster (never AUTO). */
  @Override
  public Backend backend() {
    return started.backend();
  }

  /** False once the backend's processes died (a crashed etcd or kube-apiserver). */
  public boolean isHealthy() {
    return started.isHealthy();
  }

  /** Which of the backend's processes died, with its exit code and last error line; empty while all run. */
  public Optional<String> whatDied() {
    return started.whatDied();
  }

  /**
   * The processes policyprobe started for this cluster and that still run, by name (etcd,
   * kube-apiserver, kyverno, gatekeeper): for memory figures, diagnostics, or a test that
   * simulates a crash. Empty on k3s (a container) and on an existing cluster.
   */
  public Map<String, ProcessHandle> processes() {
    return started.processes();
  }

  /**
   * The API server's log, oldest line first, where the backend can read it (the local control
   * plane's process log); empty for an existing cluster.
   */
  public List<String> apiServerLog() {
    return started.apiServerLog();
  }

  /** The backend's own handle, for this package's fail-fast interceptor and tests. */
  StartedCluster started() {
    return started;
  }

  @Override
  public ClusterSpec spec() {
    return spec;
  }

  /**
   * Whether this is somebody's running cluster: then nothing may be persisted in it, and probes
   * are dry-runs only (as they always are).
   */
  @Override
  public boolean isExisting() {
    return started.backend() == Backend.EXISTING;
  }

  /** Every manifest applied so far, in the order applied (policies first, then test additions). */
  public AppliedManifests appliedManifests() {
    return applied;
  }

  /**
   * Applies more manifests (files or folders, as in {@code @PolicyCluster}) and waits until their
   * policies are in force.
   */
  public AppliedManifests apply(String... locations) {
    refuseOnExisting("apply manifests");
    return applyAndRecord(List.of(locations));
  }

  /** Applies manifests named in the spec: at boot, and after a swap. */
  void applySpecManifests() {
    if (spec.manifests().isEmpty() || (isExisting() && !spec.applyToExisting())) {
      return;
    }
    applyAndRecord(spec.manifests());
  }

  private AppliedManifests applyAndRecord(List<String> locations) {
    return applyAndRecord(locations, AppliedManifests.NONE);
  }

  private AppliedManifests applyAndRecord(List<String> locations, AppliedManifests removedBefore) {
    AppliedManifests added = new ManifestApplier(client, spec.readyTimeout())
        .apply(loader.load(locations), removedBefore);
    synchronized (this) {
      applied = applied.plus(added);
    }
    awaitNamespacesCurrent();
    return added;
  }

  /**
   * Creates a namespace with labels (or relabels it if it exists) and waits until pods can be
   * created in it (its default ServiceAccount exists).
   */
  @Override
  public Namespace createNamespace(String name, Map<String, String> labels) {
    refuseOnExisting("create namespace " + name);
    Namespace namespace =
        new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
    Namespace result = client.resource(namespace).serverSideApply();
    createdNamespaces.add(name);
    new ManifestApplier(client, spec.readyTimeout()).awaitDefaultServiceAccount(name);
    awaitNamespacesCurrent();
    return result;
  }

  /**
   * Makes this cluster serve {@code next}, a spec that needs the same processes (it may differ in
   * manifests, readyTimeout, and AUTO for the backend this cluster runs on): removes every object
   * applied so far and every namespace created, proves the removed policies no longer decide,
   * then applies {@code next}'s manifests and proves them in force. Much cheaper than a new
   * control plane and engines.
   *
   * @throws IllegalArgumentException when {@code next} needs other processes
   */
  public synchronized void swapTo(ClusterSpec next) {
    boolean sameBackend = next.backend() == Backend.AUTO || next.backend() == backend();
    if (!sameBackend || !next.processes().withBackend(backend()).equals(spec.processes().withBackend(backend()))) {
      throw new IllegalArgumentException("a swap changes manifests only; " + next + " needs another cluster");
    }
    long start = System.nanoTime();
    boolean changes = !isExisting() || spec.applyToExisting();
    AppliedManifests removed = applied;
    ManifestRemover remover = new ManifestRemover(client, spec.readyTimeout(), backend() == Backend.LOCAL);
    // The API server reloads admission policies once a second: one proof after remove-and-apply
    // instead of one after each saves that second, where the removed policies can only deny.
    boolean deferred = changes && !next.manifests().isEmpty() && ManifestRemover.mayDeferProof(removed);
    if (changes) {
      remover.remove(removed, createdNamespaces, !deferred);
    }
    applied = AppliedManifests.NONE;
    createdNamespaces.clear();
    spec = next;
    if (next.manifests().isEmpty() && changes) {
      awaitNamespacesCurrent(); // namespaces were deleted, and none applied: no apply proves it
    } else if (!deferred) {
      applySpecManifests();
    } else {
      try {
        applyAndRecord(spec.manifests(), removed);
      } catch (ManifestException e) {
        // Perhaps a removed policy, still loaded, denied part of the new set: once it is proven
        // gone, the apply (server-side, so repeatable) runs again and its own failure stands.
        LOG.info("applying {} failed before the removal of the previous manifests was proven;"
            + " proving it, then applying again ({})", spec.manifests(), e.getMessage());
        remover.proveRemoved(removed);
        applyAndRecord(spec.manifests(), AppliedManifests.NONE);
      }
    }
    LOG.info("policies swapped to {} in {} ms", next.manifests(), (System.nanoTime() - start) / 1_000_000);
  }

  private void refuseOnExisting(String what) {
    if (isExisting() && !spec.applyToExisting()) {
      throw new IllegalStateException(
          "Refusing to " + what + " on the existing cluster: policyprobe only sends dry-runs there."
              + " Set @PolicyCluster(applyToExisting = true) to allow changes.");
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      started.close();
    }
  }

  /**
   * What a report says about this cluster, such as {@code LOCAL, Kubernetes v1.34.4, engines:
   * Kyverno v1.19.0; policies: policies/; admissionConfig: policies/admission.yaml}.
   */
  @Override
  public String description() {
    StringBuilder text = new StringBuilder(backend() + ", Kubernetes " + serverVersion);
    if (!spec.engines().isEmpty()) {
      text.append(", engines: ").append(String.join(", ", spec.engines().stream().sorted()
          .map(engine -> PinnedEngine.of(engine).toString())
          .toList()));
    }
    if (!isExisting() || spec.applyToExisting()) {
      text.append("; policies: ").append(spec.manifests().isEmpty() ? "none" : String.join(", ", spec.manifests()));
      spec.admissionConfig().ifPresent(config -> text.append("; admissionConfig: ").append(config));
    } else {
      text.append("; policies: those already in the existing cluster");
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return "RunningCluster[" + backend() + " " + serverVersion + "]";
  }
}
