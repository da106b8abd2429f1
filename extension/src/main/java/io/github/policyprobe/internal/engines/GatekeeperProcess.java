package io.github.policyprobe.internal.engines;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.policyprobe.internal.inforce.GatekeeperCanary;
import io.github.policyprobe.internal.kube.GenericResources;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.internal.process.FreePorts;
import io.github.policyprobe.internal.process.ManagedProcess;
import io.github.policyprobe.internal.tls.IssuedCertificate;
import io.github.policyprobe.internal.wait.BoundedWait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gatekeeper's controller manager as a process next to the local control plane.
 *
 * <p>Out of cluster it runs with {@code --debug-use-fake-pod} and with its certificate rotation
 * off, serving a certificate for 127.0.0.1 that the cluster's CA issues. Gatekeeper does not
 * register webhooks itself: the validating and mutating webhook configurations of its deploy
 * manifest are created here, each pointed at this process by {@code url} with the CA as
 * {@code caBundle}. Every listener is on 127.0.0.1: the webhook server and the health probes on
 * free ports; controller-runtime's metrics server and profiling are off; metrics go to an
 * OpenTelemetry exporter instead of the Prometheus one, which would listen on all interfaces.
 */
public final class GatekeeperProcess {
  static final String NAMESPACE = "gatekeeper-system";
  private static final String NAME = PinnedEngine.GATEKEEPER.toString();

  private GatekeeperProcess() {}

  /**
   * Prepares the cluster, starts Gatekeeper, registers its webhooks and returns once its canary
   * constraint and mutator have been enforced through the API server.
   *
   * @throws EngineStartException naming the step that failed, with the end of Gatekeeper's log
   */
  public static RunningEngine start(EngineHost host, KubernetesClient client, Duration timeout, EngineValues values) {
    EngineBinaries binaries = EngineBinaries.gatekeeper();
    Path manifest = binaries.file("gatekeeper.yaml");
    ClusterObjects objects = new ClusterObjects(client, NAME);
    List<GenericKubernetesResource> webhooks;
    try {
      objects.apply(EngineManifests.read(manifest, Set.of("Namespace")));
      objects.applyCrds(EngineManifests.read(manifest, Set.of("CustomResourceDefinition")), timeout);
      webhooks = EngineManifests.read(manifest,
          Set.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"));
    } catch (RuntimeException e) {
      throw new EngineStartException(NAME + ": could not prepare the cluster from " + manifest
          + ": " + e.getMessage(), e);
    }

    Path folder = EngineStartException.folder(host, "gatekeeper");
    Path certificates = writeCertificate(host, folder.resolve("certs"));
    int webhookPort = FreePorts.next();
    int healthPort = FreePorts.next();
    long launched = System.nanoTime();
    ManagedProcess process = ManagedProcess.start("gatekeeper",
        EngineValues.withFlags(command(binaries.executable(), host.kubeconfigFile(), certificates, webhookPort, healthPort,
            FreePorts.next()), values.gatekeeperFlags()),
        Map.of("KUBECONFIG", host.kubeconfigFile().toString(), "POD_NAMESPACE", NAMESPACE),
        folder, Optional.empty());
    try {
      Runnable alive = () -> EngineStartException.failIfExited(NAME, process);
      awaitHealthy(healthPort, timeout, alive);
      String caBundle = Base64.getEncoder().encodeToString(
          host.certificateAuthority().certificatePem().getBytes(StandardCharsets.UTF_8));
      objects.apply(webhooks.stream().map(w -> pointedAt(w, webhookPort, caBundle)).toList());
      new GatekeeperCanary(client).prove(timeout, alive);
      return new RunningEngine(NAME, process, webhookPort, Duration.ofNanos(System.nanoTime() - launched));
    } catch (RuntimeException e) {
      EngineStartException failure = EngineStartException.withLog(NAME, process, e);
      process.close();
      throw failure;
    }
  }

  static List<String> command(Path executable, Path kubeconfig, Path certificates, int webhookPort,
      int healthPort, int unusedMetricsPort) {
    return List.of(
        executable.toString(),
        "--kubeconfig=" + kubeconfig,
        "--debug-use-fake-pod",
        "--disable-cert-rotation",
        "--cert-dir=" + certificates,
        "--host=127.0.0.1",
        "--port=" + webhookPort,
        "--health-addr=127.0.0.1:" + healthPort,
        "--metrics-addr=0",
        "--enable-pprof=false",
        // The Prometheus exporter binds ":8888" on every interface and has no host flag; the
        // OpenTelemetry exporter only pushes, here to a loopback port nothing listens on, rarely.
        "--metrics-backend=opentelemetry",
        "--otlp-endpoint=127.0.0.1:" + unusedMetricsPort,
        "--otlp-metric-interval=8760h",
        // What the deploy manifest's two Deployments do between them, except audit, which
        // re-lists the whole cluster every minute for results nothing here reads. "generate" is
        // what turns a ConstraintTemplate into its constraint CRD.
        "--operation=webhook",
        "--operation=mutation-webhook",
        "--operation=status",
        "--operation=mutation-status",
        "--operation=generate",
        "--exempt-namespace=" + NAMESPACE,
        "--disable-opa-builtin={http.send}",
        "--shutdown-delay=0",
        "--log-level=INFO");
  }

  /** tls.crt and tls.key for 127.0.0.1, signed by the cluster's CA, in {@code --cert-dir}. */
  private static Path writeCertificate(EngineHost host, Path folder) {
    IssuedCertificate serving = host.certificateAuthority()
        .issueServer("gatekeeper-webhook-service", List.of("127.0.0.1"));
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("tls.crt"), serving.certificatePem());
      Files.writeString(folder.resolve("tls.key"), serving.privateKeyPem());
      Files.writeString(folder.resolve("ca.crt"), host.certificateAuthority().certificatePem());
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write Gatekeeper's certificate into " + folder, e);
    }
  }

  /** Its readiness probe: the readiness tracker is satisfied and the TLS listener answers. */
  private static void awaitHealthy(int healthPort, Duration timeout, Runnable alive) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/readyz"))
        .timeout(Duration.ofSeconds(2)).build();
    BoundedWait.until(timeout, NAME + " to answer GET /readyz on 127.0.0.1:" + healthPort, () -> {
      alive.run();
      try {
        HttpResponse<String> response = http.send(readyz, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new BoundedWait.NotYet("HTTP " + response.statusCode() + ": " + response.body().strip());
        }
        return true;
      } catch (IOException e) {
        throw new BoundedWait.NotYet(e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    });
  }

  /**
   * The deploy manifest's webhook configuration unchanged (rules, selectors, failure policies,
   * timeouts), except that each webhook calls this process by URL instead of its Service.
   */
  @SuppressWarnings("unchecked")
  static GenericKubernetesResource pointedAt(GenericKubernetesResource configuration, int port,
      String caBundle) {
    List<Object> webhooks = new ArrayList<>();
    for (Object item : (List<Object>) configuration.getAdditionalProperties().get("webhooks")) {
      Map<String, Object> webhook = new java.util.LinkedHashMap<>((Map<String, Object>) item);
      Map<String, Object> service = (Map<String, Object>)
          ((Map<String, Object>) webhook.getOrDefault("clientConfig", Map.of())).get("service");
      if (service == null || !(service.get("path") instanceof String path)) {
        throw new IllegalStateException("webhook " + webhook.get("name") + " of "
            + configuration.getMetadata().getName() + " in Gatekeeper's deploy manifest names no"
            + " service path to call");
      }
      webhook.put("clientConfig", Map.of("url", "https://127.0.0.1:" + port + path, "caBundle", caBundle));
      webhooks.add(webhook);
    }
    GenericKubernetesResource copy = GenericResources.of(Map.of(
        "apiVersion", configuration.getApiVersion(),
        "kind", configuration.getKind(),
        "metadata", Map.of("name", configuration.getMetadata().getName(),
            "labels", Optional.ofNullable(configuration.getMetadata().getLabels()).orElse(Map.of()))));
    copy.getAdditionalProperties().put("webhooks", webhooks);
    return copy;
  }
}
