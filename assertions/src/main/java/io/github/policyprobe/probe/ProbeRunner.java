package io.github.policyprobe.probe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends probes as server-side dry-run creates ({@code dryRun=All}: admission runs in full,
 * nothing is persisted) and turns each answer into a {@link Verdict}.
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
  }

  public Verdict run(Probe probe) {
    return runAll(List.of(probe)).get(0);
  }

  /** Sends every probe and returns their verdicts in the same order. */
  public List<Verdict> runAll(List<Probe> probes) {
    List<CompletableFuture<Verdict>> pending = new ArrayList<>(probes.size());
    for (Probe probe : probes) {
      pending.add(send(probe));
    }
    List<Verdict> verdicts = new ArrayList<>(probes.size());
    for (int i = 0; i < probes.size(); i++) {
      verdicts.add(await(probes.get(i), pending.get(i)));
    }
    return verdicts;
  }

  private CompletableFuture<Verdict> send(Probe probe) {
    HttpRequest request;
    try {
      request = request(probe);
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

  private HttpRequest request(Probe probe) {
    HasMetadata object = serialization.clone(probe.object());
    if (object.getMetadata() == null) {
      object.setMetadata(new ObjectMeta());
    }
    if (object.getMetadata().getName() == null && object.getMetadata().getGenerateName() == null) {
      object.getMetadata().setGenerateName("policyprobe-");
    }
    ResourcePaths.Target target = paths.collection(object, probe.namespace());
    object.getMetadata().setNamespace(target.namespaced() ? probe.namespace() : null);
    String uri = server + target.path() + "?dryRun=All&fieldManager=" + MutationDetector.FIELD_MANAGER;
    return http.newHttpRequestBuilder()
        .uri(uri)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .post("application/json", serialization.asJson(object))
        .build();
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
