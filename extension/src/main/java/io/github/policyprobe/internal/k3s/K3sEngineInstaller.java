package io.github.policyprobe.internal.k3s;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.engines.EngineValues;
import io.github.policyprobe.internal.inforce.CrdsEstablished;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.internal.progress.ProgressLog;
import io.github.policyprobe.internal.wait.BoundedWait;
import io.github.policyprobe.internal.wait.BoundedWait.NotYet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Installs Kyverno and Gatekeeper on a k3s cluster from their official install manifests, and waits
 * until they run: their Deployments available and their validating webhooks registered with a CA.
 * Whether a policy of the user's is then enforced is proven later, by the shared manifest applier.
 */
public final class K3sEngineInstaller {
  private static final Logger LOG = ProgressLog.of(K3sEngineInstaller.class);
  private static final String FIELD_MANAGER = "policyprobe";
  // Each check lists objects in k3s, which also pulls images and starts pods on the same cores.
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  /**
   * The least an install may take: every fresh k3s container pulls the engine's images again
   * (Kyverno's are five), which the cluster-wide 60 s default does not allow for on a first run.
   */
  public static final Duration MIN_INSTALL_TIMEOUT = Duration.ofMinutes(10);
  /** A waiting install says what it waits for when that changes, and at least this often. */
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(15);
  private static final Pattern QUOTED_IMAGE = Pattern.compile("image \"([^\"]+)\"");

  private final KubernetesClient client;
  private final Duration readyTimeout;
  private final EngineManifestCache manifests;
  private final Consumer<String> progress;

  public K3sEngineInstaller(KubernetesClient client, Duration readyTimeout) {
    this(client, readyTimeout, EngineManifestCache.inPolicyprobeCache(), LOG::info);
  }

  K3sEngineInstaller(KubernetesClient client, Duration readyTimeout, EngineManifestCache manifests,
      Consumer<String> progress) {
    this.client = client;
    this.readyTimeout = readyTimeout;
    this.manifests = manifests;
    this.progress = progress;
  }

  /** The bound of an engine install: the cluster's readyTimeout, but never less than {@link #MIN_INSTALL_TIMEOUT}. */
  public static Duration boundFor(Duration readyTimeout) {
    return readyTimeout.compareTo(MIN_INSTALL_TIMEOUT) >= 0 ? readyTimeout : MIN_INSTALL_TIMEOUT;
  }

  /** Installs each engine (in enum order, whatever the set's order) and waits until it runs. */
  public void install(Collection<Engine> engines) {
    install(engines, Map.of());
  }

  /** As {@link #install(Collection)}, each engine with the admission settings of its Helm values file, if any. */
  public void install(Collection<Engine> engines, Map<Engine, String> valuesFiles) {
    engines.stream().sorted().forEach(engine -> install(PinnedEngine.of(engine),
        valuesFiles.containsKey(engine) ? EngineValues.read(valuesFiles.get(engine)) : EngineValues.defaults()));
  }

  void install(PinnedEngine release) {
    install(release, EngineValues.defaults());
  }

  void install(PinnedEngine release, EngineValues values) {
    long started = System.nanoTime();
    String source = release + " install manifest " + manifests.fileOf(release);
    List<HasMetadata> objects = EngineManifest.inApplyOrder(
        EngineValuesPatch.apply(release.engine(), manifests.objectsOf(release), values));

    List<HasMetadata> crds = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (!EngineManifest.isCrd(object) && !crds.isEmpty()) {
        awaitEstablished(release, crds);
        crds.clear();
      }
      apply(source, object);
      if (EngineManifest.isCrd(object)) {
        crds.add(object);
      }
    }
    awaitEstablished(release, crds);
    LOG.info("{}: {} objects applied in {} ms; waiting until it runs", release, objects.size(), millisSince(started));

    awaitDeploymentsAvailable(release);
    awaitWebhooksRegistered(release);
    LOG.info("{} runs on k3s ({} ms after its install began)", release, millisSince(started));
  }

  /** Server-side apply: Kyverno's CRDs are too large for client-side apply's annotation. */
  private void apply(String source, HasMetadata object) {
    try {
      client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    } catch (KubernetesClientException e) {
      throw new ClusterStartException(source + ": applying " + object.getApiVersion() + " "
          + object.getKind() + " " + qualifiedName(object) + " failed: " + e.getMessage(), e);
    }
  }

  private void awaitEstablished(PinnedEngine release, List<HasMetadata> crds) {
    if (crds.isEmpty()) {
      return;
    }
    List<String> names = crds.stream().map(crd -> crd.getMetadata().getName()).toList();
    await(release + " CRDs to be Established", "", CrdsEstablished.check(client, names));
  }

  private void awaitDeploymentsAvailable(PinnedEngine release) {
    String hint = "k3s pulls the engine's images on first use: a slow network needs a longer"
        + " @PolicyCluster(readyTimeoutSeconds = ...) (engine installs wait at least "
        + MIN_INSTALL_TIMEOUT.toMinutes() + " min); an image that cannot be pulled shows as"
        + " ErrImagePull/ImagePullBackOff above.";
    String what = release + " Deployments in namespace " + release.k3sInstall().namespace() + " to be available";
    ProgressLines lines = new ProgressLines(release + ": waiting for ", progress, PROGRESS_INTERVAL);
    await(what, hint, () -> {
      List<Deployment> deployments =
          client.apps().deployments().inNamespace(release.k3sInstall().namespace()).list().getItems();
      if (deployments.isEmpty()) {
        throw new NotYet("no Deployments in namespace " + release.k3sInstall().namespace());
      }
      List<String> unavailable = deployments.stream()
          .filter(deployment -> !isAvailable(deployment))
          .map(this::describeUnavailable)
          .toList();
      if (!unavailable.isEmpty()) {
        String state = String.join("; ", unavailable);
        List<String> pulling = imagesBeingPulled(release.k3sInstall().namespace());
        lines.report(state + (pulling.isEmpty() ? "" : "; pulling " + String.join(", ", pulling)));
        throw new NotYet(state);
      }
      return true;
    });
  }

  /**
   * Images the kubelet started pulling in the namespace and has not finished, from its events
   * ("Pulling image \"x\"", then "Successfully pulled image \"x\" ..." with reason Pulled).
   */
  List<String> imagesBeingPulled(String namespace) {
    Set<String> pulling = new TreeSet<>();
    Set<String> pulled = new TreeSet<>();
    for (Event event : client.v1().events().inNamespace(namespace).list().getItems()) {
      Matcher image = QUOTED_IMAGE.matcher(Optional.ofNullable(event.getMessage()).orElse(""));
      if (!image.find()) {
        continue;
      }
      if ("Pulling".equals(event.getReason())) {
        pulling.add(image.group(1));
      } else if ("Pulled".equals(event.getReason())) {
        pulled.add(image.group(1));
      }
    }
    pulling.removeAll(pulled);
    return List.copyOf(pulling);
  }

  private static boolean isAvailable(Deployment deployment) {
    if (deployment.getStatus() == null) {
      return false;
    }
    int wanted = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
    int available = Optional.ofNullable(deployment.getStatus().getAvailableReplicas()).orElse(0);
    int updated = Optional.ofNullable(deployment.getStatus().getUpdatedReplicas()).orElse(0);
    long observed = Optional.ofNullable(deployment.getStatus().getObservedGeneration()).orElse(0L);
    long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
    return observed >= generation && updated >= wanted && available >= wanted;
  }

  /** Why a Deployment is not available: its failing conditions and its pods' waiting reasons. */
  private String describeUnavailable(Deployment deployment) {
    String name = deployment.getMetadata().getName();
    int wanted = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
    int available = deployment.getStatus() == null ? 0
        : Optional.ofNullable(deployment.getStatus().getAvailableReplicas()).orElse(0);
    List<String> reasons = new ArrayList<>();
    if (deployment.getStatus() != null && deployment.getStatus().getConditions() != null) {
      for (DeploymentCondition condition : deployment.getStatus().getConditions()) {
        if ("False".equals(condition.getStatus()) || "ReplicaFailure".equals(condition.getType())) {
          reasons.add(condition.getType() + ": " + condition.getMessage());
        }
      }
    }
    if (deployment.getSpec().getSelector() != null
        && deployment.getSpec().getSelector().getMatchLabels() != null) {
      List<Pod> pods = client.pods().inNamespace(deployment.getMetadata().getNamespace())
          .withLabels(deployment.getSpec().getSelector().getMatchLabels()).list().getItems();
      for (Pod pod : pods) {
        waitingReason(pod).ifPresent(reasons::add);
      }
    }
    return name + " " + available + "/" + wanted + " available"
        + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")");
  }

  private static Optional<String> waitingReason(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).ifPresent(statuses::addAll);
    Optional.ofNullable(pod.getStatus().getContainerStatuses()).ifPresent(statuses::addAll);
    String waiting = statuses.stream()
        .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
        .map(s -> "container " + s.getName() + " " + s.getState().getWaiting().getReason()
            + Optional.ofNullable(s.getState().getWaiting().getMessage()).map(m -> ": " + m).orElse(""))
        .collect(Collectors.joining(", "));
    if (!waiting.isEmpty()) {
      return Optional.of("pod " + pod.getMetadata().getName() + ": " + waiting);
    }
    if ("Pending".equals(pod.getStatus().getPhase()) && pod.getStatus().getConditions() != null) {
      return pod.getStatus().getConditions().stream()
          .filter(c -> "False".equals(c.getStatus()) && c.getMessage() != null)
          .findFirst()
          .map(c -> "pod " + pod.getMetadata().getName() + " pending: " + c.getMessage());
    }
    return Optional.empty();
  }

  private void awaitWebhooksRegistered(PinnedEngine release) {
    await(release + " webhooks to be registered with a caBundle", "", () -> {
      List<String> missing = new ArrayList<>();
      for (String name : release.k3sInstall().validatingWebhookConfigurations()) {
        ValidatingWebhookConfiguration configuration =
            client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).get();
        if (configuration == null) {
          missing.add("ValidatingWebhookConfiguration " + name + " does not exist yet");
        } else if (!hasCaBundles(configuration)) {
          missing.add("ValidatingWebhookConfiguration " + name + " has a webhook without caBundle yet");
        }
      }
      if (!missing.isEmpty()) {
        throw new NotYet(String.join("; ", missing));
      }
      return true;
    });
  }

  /**
   * Waits as long as the cluster's other start steps may, a failed request being one more reason
   * to wait; on timeout the cluster does not start, and the message says what was missing last.
   */
  private void await(String what, String hint, BoundedWait.Check<?> check) {
    try {
      BoundedWait.until(readyTimeout, POLL_INTERVAL, what, BoundedWait.toleratingFailures(check));
    } catch (BoundedWait.TimedOut e) {
      throw new ClusterStartException(e.getMessage() + (hint.isEmpty() ? "" : "\n" + hint), e);
    }
  }

  private static boolean hasCaBundles(ValidatingWebhookConfiguration configuration) {
    List<ValidatingWebhook> webhooks = Optional.ofNullable(configuration.getWebhooks()).orElse(List.of());
    return webhooks.stream()
        .map(webhook -> webhook.getClientConfig() == null ? null : webhook.getClientConfig().getCaBundle())
        .allMatch(ca -> Objects.nonNull(ca) && !ca.isBlank());
  }

  private static String qualifiedName(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
