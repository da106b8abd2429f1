package io.github.policyprobe.internal.engines;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.policyprobe.internal.inforce.KyvernoCanary;
import io.github.policyprobe.internal.kube.GenericResources;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.internal.process.FreePorts;
import io.github.policyprobe.internal.process.ManagedProcess;
import io.github.policyprobe.internal.wait.BoundedWait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Kyverno's admission controller as a process next to the local control plane, run the way
 * Kyverno's DEVELOPMENT.md ("Debugging local code") runs it out of cluster.
 *
 * <p>Before it starts: its namespace and ConfigMaps from the release's install manifest, its CRDs
 * from the module's config/crds, and read access for its controllers. With {@code --serverIP} Kyverno registers its webhooks by
 * URL, generates its own CA (IP SAN from serverIP) and keeps it in Secrets in its namespace.
 * Every listener is on 127.0.0.1: the webhook server (with its health endpoints) and the metrics
 * server on free ports; controller-runtime's metrics server, profiling and tracing are off.
 */
public final class KyvernoProcess {
  static final String NAMESPACE = "kyverno";
  static final String CA_SECRET = "kyverno-svc.kyverno.svc.kyverno-tls-ca";
  static final String TLS_SECRET = "kyverno-svc.kyverno.svc.kyverno-tls-pair";
  static final List<String> VALIDATING_WEBHOOKS =
      List.of("kyverno-policy-validating-webhook-cfg", "kyverno-resource-validating-webhook-cfg");
  static final List<String> MUTATING_WEBHOOKS =
      List.of("kyverno-policy-mutating-webhook-cfg", "kyverno-resource-mutating-webhook-cfg");
  private static final Set<String> CONFIG_MAPS = Set.of("kyverno", "kyverno-metrics");
  private static final String NAME = PinnedEngine.KYVERNO.toString();

  private KyvernoProcess() {}

  /**
   * Prepares the cluster, starts Kyverno and returns once its canary policy has been enforced
   * through the API server.
   *
   * @throws EngineStartException naming the step that failed, with the end of Kyverno's log
   */
  public static RunningEngine start(EngineHost host, KubernetesClient client, Duration timeout, EngineValues values) {
    EngineBinaries binaries = EngineBinaries.kyverno();
    ClusterObjects objects = new ClusterObjects(client, NAME);
    Path install = binaries.file("install.yaml");
    try {
      objects.apply(EngineManifests.read(install, Set.of("Namespace")));
      objects.applyCrds(EngineManifests.crdsUnder(binaries.file("crds")), timeout);
      objects.apply(EngineManifests.read(install, Set.of("ConfigMap")).stream()
          .filter(map -> CONFIG_MAPS.contains(map.getMetadata().getName()))
          .map(map -> withValues(map, values))
          .toList());
      objects.apply(controllerReadAccess());
    } catch (RuntimeException e) {
      throw new EngineStartException(NAME + ": could not prepare the cluster from " + binaries.folder()
          + ": " + e.getMessage(), e);
    }

    int webhookPort = FreePorts.next();
    Path folder = EngineStartException.folder(host, "kyverno");
    long launched = System.nanoTime();
    ManagedProcess process = ManagedProcess.start("kyverno",
        EngineValues.withFlags(command(binaries.executable(), host.kubeconfigFile(), webhookPort, FreePorts.next()),
            values.kyvernoFlags()),
        environment(host, folder), folder, Optional.empty());
    try {
      Runnable alive = () -> EngineStartException.failIfExited(NAME, process);
      BoundedWait.until(timeout, NAME + " to register its webhooks at https://127.0.0.1:"
          + webhookPort, () -> {
            alive.run();
            return registered(client, webhookPort);
          });
      new KyvernoCanary(client).prove(timeout, alive);
      return new RunningEngine(NAME, process, webhookPort, Duration.ofNanos(System.nanoTime() - launched));
    } catch (RuntimeException e) {
      EngineStartException failure = EngineStartException.withLog(NAME, process, e);
      process.close();
      throw failure;
    }
  }

  /** The {@code kyverno} ConfigMap with the data the team's values set, as the chart would render it. */
  static GenericKubernetesResource withValues(GenericKubernetesResource configMap, EngineValues values) {
    if (!"kyverno".equals(configMap.getMetadata().getName()) || values.kyvernoConfig().isEmpty()) {
      return configMap;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> data = new java.util.LinkedHashMap<>(
        configMap.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of());
    data.putAll(values.kyvernoConfig());
    configMap.setAdditionalProperty("data", data);
    return configMap;
  }

  /**
   * Read access for Kyverno's reports and background controllers. An install binds them to the
   * "view" ClusterRole, whose rules the controller manager aggregates; no controller manager runs
   * here, so the same read access is granted directly. Kyverno checks it: a CEL policy
   * (ValidatingPolicy and kin) reports ready only once its reports controller may read what it
   * matches, and ClusterPolicies warn when it may not.
   */
  static List<GenericKubernetesResource> controllerReadAccess() {
    String name = "policyprobe:kyverno-controllers-view";
    GenericKubernetesResource role = GenericResources.of(Map.of(
        "apiVersion", "rbac.authorization.k8s.io/v1",
        "kind", "ClusterRole",
        "metadata", Map.of("name", name),
        "rules", List.of(Map.of(
            "apiGroups", List.of("*"), "resources", List.of("*"),
            "verbs", List.of("get", "list", "watch")))));
    GenericKubernetesResource binding = GenericResources.of(Map.of(
        "apiVersion", "rbac.authorization.k8s.io/v1",
        "kind", "ClusterRoleBinding",
        "metadata", Map.of("name", name),
        "roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", name),
        "subjects", List.of(
            Map.of("kind", "ServiceAccount", "name", "kyverno-reports-controller", "namespace", NAMESPACE),
            Map.of("kind", "ServiceAccount", "name", "kyverno-background-controller", "namespace", NAMESPACE))));
    return List.of(role, binding);
  }

  static List<String> command(Path executable, Path kubeconfig, int webhookPort, int metricsPort) {
    return List.of(
        executable.toString(),
        "--kubeconfig=" + kubeconfig,
        // Out of cluster: register webhooks by URL and put this IP into the serving certificate.
        "--serverIP=127.0.0.1:" + webhookPort,
        "--webhookServerHost=127.0.0.1",
        "--webhookServerPort=" + webhookPort,
        "--caSecretName=" + CA_SECRET,
        "--tlsSecretName=" + TLS_SECRET,
        "--backgroundServiceAccountName=system:serviceaccount:kyverno:kyverno-background-controller",
        "--reportsServiceAccountName=system:serviceaccount:kyverno:kyverno-reports-controller",
        "--metricsHost=127.0.0.1",
        "--metricsPort=" + metricsPort,
        "--controllerRuntimeMetricsAddress=0",
        "--profile=false",
        "--enableTracing=false",
        // No reports controller runs here to collect admission reports.
        "--admissionReports=false",
        "--autoUpdateWebhooks=true",
        // As in the release's install manifest:
        "--enablePolicyException=false",
        "--protectManagedResources=false",
        "--omitEvents=PolicyApplied,PolicySkipped",
        "--loggingFormat=text",
        "--disableLogColor=true",
        "--v=2");
  }

  static Map<String, String> environment(EngineHost host, Path folder) {
    return Map.of(
        "KUBECONFIG", host.kubeconfigFile().toString(),
        "KYVERNO_NAMESPACE", NAMESPACE,
        "KYVERNO_SERVICEACCOUNT_NAME", "kyverno-admission-controller",
        "KYVERNO_ROLE_NAME", "kyverno:admission-controller",
        "KYVERNO_DEPLOYMENT", "kyverno-admission-controller",
        "KYVERNO_POD_NAME", "kyverno-admission-controller-policyprobe",
        "KYVERNO_SVC", "kyverno-svc",
        "INIT_CONFIG", "kyverno",
        "METRICS_CONFIG", "kyverno-metrics",
        // Sigstore's cache, should an image verification rule ever need it, stays in the scratch folder.
        "TUF_ROOT", folder.resolve("sigstore").toString());
  }

  /** Kyverno's webhook configurations exist and point at this process, with a CA bundle. */
  private static boolean registered(KubernetesClient client, int port) throws BoundedWait.NotYet {
    String url = "https://127.0.0.1:" + port + "/";
    var registrations = client.admissionRegistration().v1();
    List<String> missing = new ArrayList<>();
    missing.addAll(notPointingAt(url, "ValidatingWebhookConfiguration", VALIDATING_WEBHOOKS,
        name -> Optional.ofNullable(registrations.validatingWebhookConfigurations().withName(name).get())
            .map(c -> c.getWebhooks().stream().map(ValidatingWebhook::getClientConfig).toList())));
    missing.addAll(notPointingAt(url, "MutatingWebhookConfiguration", MUTATING_WEBHOOKS,
        name -> Optional.ofNullable(registrations.mutatingWebhookConfigurations().withName(name).get())
            .map(c -> c.getWebhooks().stream().map(MutatingWebhook::getClientConfig).toList())));
    if (!missing.isEmpty()) {
      throw new BoundedWait.NotYet(String.join("; ", missing));
    }
    return true;
  }

  /**
   * Which of the {@code kind} configurations {@code names} are missing, or have a webhook that does
   * not call {@code url} with a CA bundle.
   *
   * @param clientConfigs a configuration's webhooks' client configs, or empty if it does not exist
   */
  private static List<String> notPointingAt(String url, String kind, List<String> names,
      Function<String, Optional<List<WebhookClientConfig>>> clientConfigs) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      Optional<List<WebhookClientConfig>> configs = clientConfigs.apply(name);
      if (configs.isEmpty()) {
        missing.add(kind + " " + name + " does not exist");
      } else if (!configs.get().stream().allMatch(config -> pointsAt(config, url))) {
        missing.add(kind + " " + name + " has a webhook not at " + url + " or without caBundle");
      }
    }
    return missing;
  }

  private static boolean pointsAt(WebhookClientConfig config, String url) {
    return config != null && config.getUrl() != null && config.getUrl().startsWith(url)
        && config.getCaBundle() != null && !config.getCaBundle().isBlank();
  }
}
