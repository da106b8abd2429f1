package io.github.policyprobe.internal.probe;

import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.probe.Operation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Sends probes as server-side dry-run creates ({@code dryRun=All}: admission runs in full,
 * nothing is persisted), or as the {@link Operation} they carry, each as its sender (by
 * impersonation), and turns each answer into a {@link Verdict}.
 *
 * <p>It talks HTTP through the given client's own HTTP client, so each answer's {@code Warning}
 * headers are read from that answer (fabric8's typed API drops them), and many probes share one
 * connection pool. Requests go out asynchronously, at most {@code parallelism} at a time. Failed
 * requests are not retried: a 500 from an unreachable webhook is an answer (ERROR), not a blip.
 */
public final class ProbeRunner {
  public static final int DEFAULT_PARALLELISM = 16;
  /** Webhooks may take up to 30 s; the API server answers within its own 60 s limit. */
  public static final Duration DEFAULT_TIMEOUT =
      Duration.ofSeconds(Long.getLong("policyprobe.probe.timeoutSeconds", 45));

  private final HttpClient http;
  private final String server;
  private final KubernetesSerialization serialization;
  private final ResponseInterpreter interpreter;
  private final ResourcePaths paths;
  private final Semaphore inFlight;
  private final Duration timeout;
  private final RunningPods runningPods;

  public ProbeRunner(KubernetesClient client) {
    this(client, DEFAULT_PARALLELISM, DEFAULT_TIMEOUT);
  }

  public ProbeRunner(KubernetesClient client, int parallelism, Duration timeout) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    RequestConfig noRetries = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
        .withRequestRetryBackoffLimit(0)
        .build();
    this.http = client.getHttpClient().newBuilder().tag(noRetries).build();
    this.server = client.getMasterUrl().toString().replaceAll("/+$", "");
    this.serialization = client.getKubernetesSerialization();
    this.interpreter = new ResponseInterpreter(serialization);
    this.paths = new ResourcePaths(client);
    this.inFlight = new Semaphore(parallelism);
    this.timeout = timeout;
    this.runningPods = new RunningPods(client);
  }

  public Verdict run(Probe probe) {
    return runAll(List.of(probe)).get(0);
  }

  /** Sends every probe and returns their verdicts in the same order. */
  public List<Verdict> runAll(List<Probe> probes) {
    List<Pod> running = new ArrayList<>();
    try {
      List<CompletableFuture<Verdict>> pending = new ArrayList<>(probes.size());
      for (Probe probe : probes) {
        pending.add(send(probe, running));
      }
      List<Verdict> verdicts = new ArrayList<>(probes.size());
      for (int i = 0; i < probes.size(); i++) {
        verdicts.add(await(probes.get(i), pending.get(i)));
      }
      return verdicts;
    } finally {
      // here, not in the answers' callbacks: a blocking call on the HTTP client's own threads
      // would wait for the very threads it holds
      running.forEach(runningPods::delete);
    }
  }

  /** Sends one probe; a Pod it had to create first is added to {@code running}, to delete after. */
  private CompletableFuture<Verdict> send(Probe probe, List<Pod> running) {
    HttpRequest request;
    try {
      Pod target = probe.operation().needsRunningPod() ? runningPods.create(probe) : null;
      if (target != null) {
        running.add(target);
      }
      request = request(probe, target);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(interpreter.unsendable(probe, e));
    }
    inFlight.acquireUninterruptibly();
    CompletableFuture<HttpResponse<String>> answer;
    try {
      answer = http.sendAsync(request, String.class);
    } catch (RuntimeException e) {
      inFlight.release();
      return CompletableFuture.completedFuture(interpreter.failure(probe, e));
    }
    return answer
        .whenComplete((response, error) -> inFlight.release())
        .handle((response, error) -> error != null
            ? interpreter.failure(probe, error)
            : interpreter.interpret(probe, response.code(), response.body(), warnings(response)));
  }

  /** The Warning headers, whatever case the HTTP layer keeps their name in (HTTP/2 lowers it). */
  private static List<String> warnings(HttpResponse<?> response) {
    List<String> values = new ArrayList<>();
    response.headers().forEach((name, list) -> {
      if ("warning".equalsIgnoreCase(name) && list != null) {
        values.addAll(list);
      }
    });
    return values;
  }

  private HttpRequest request(Probe probe, Pod running) {
    String query = "?dryRun=All&fieldManager=" + MutationDetector.FIELD_MANAGER;
    Operation operation = probe.operation();
    HttpRequest.Builder builder = http.newHttpRequestBuilder()
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (probe.sender().impersonated()) {
      builder.header("Impersonate-User", probe.sender().username());
      probe.sender().groups().forEach(group -> builder.header("Impersonate-Group", group));
    }
    if (operation instanceof Operation.LabelNamespace relabel) {
      return builder.uri(server + "/api/v1/namespaces/" + probe.namespace() + query)
          .patch("application/merge-patch+json", serialization.asJson(
              Map.of("metadata", Map.of("labels", relabel.labels()))))
          .build();
    }
    if (running != null) {
      String pod = server + "/api/v1/namespaces/" + probe.namespace() + "/pods/" + running.getMetadata().getName();
      String container = running.getSpec().getContainers().get(0).getName();
      if (operation instanceof Operation.Debug debug) {
        return builder.uri(pod + "/ephemeralcontainers" + query)
            .put("application/json", serialization.asJson(withEphemeral(running, debug))).build();
      }
      if (operation instanceof Operation.Exec exec) {
        String command = exec.command().stream()
            .map(part -> "command=" + URLEncoder.encode(part, StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return builder.uri(pod + "/exec?" + command + "&container=" + container + "&stdout=true&stderr=true")
            .post("application/json", "").build();
      }
      if (operation instanceof Operation.Attach) {
        return builder.uri(pod + "/attach?container=" + container + "&stdout=true").post("application/json", "").build();
      }
      if (operation instanceof Operation.Update update) {
        return builder.uri(pod + query).put("application/json", serialization.asJson(updated(running, update))).build();
      }
      throw new IllegalStateException("no request for " + operation.describe());
    }
    HasMetadata object = serialization.clone(probe.object());
    if (object.getMetadata() == null) {
      object.setMetadata(new ObjectMeta());
    }
    if (object.getMetadata().getName() == null && object.getMetadata().getGenerateName() == null) {
      object.getMetadata().setGenerateName("policyprobe-");
    }
    ResourcePaths.Target target = paths.collection(object, probe.namespace());
    object.getMetadata().setNamespace(target.namespaced() ? probe.namespace() : null);
    return builder.uri(server + target.path() + query)
        .post("application/json", serialization.asJson(object))
        .build();
  }

  /** The running Pod with kubectl debug's ephemeral container, aimed at its first container unless named. */
  private Pod withEphemeral(Pod running, Operation.Debug debug) {
    Pod pod = serialization.clone(running);
    EphemeralContainer container = serialization.clone(debug.container());
    boolean targetExists = pod.getSpec().getContainers().stream()
        .anyMatch(c -> c.getName().equals(container.getTargetContainerName()));
    if (!targetExists) {
      container.setTargetContainerName(pod.getSpec().getContainers().get(0).getName());
    }
    pod.getSpec().setEphemeralContainers(new ArrayList<>(List.of(container)));
    return pod;
  }

  private Pod updated(Pod running, Operation.Update update) {
    Pod pod = serialization.clone(running);
    update.change().applyTo(pod);
    return pod;
  }

  private Verdict await(Probe probe, CompletableFuture<Verdict> verdict) {
    try {
      // the request has its own timeout; this bound only guards against a client that never calls back
      return verdict.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return interpreter.failure(probe, e);
    } catch (Exception e) {
      return interpreter.failure(probe, e);
    }
  }
}
