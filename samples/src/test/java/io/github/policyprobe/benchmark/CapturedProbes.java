package io.github.policyprobe.benchmark;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every dry-run create a client sends, body as sent: kubectl then gets exactly the
 * objects the ProbeRunner posted (name prefix, namespace, labels), not a re-rendering of them.
 * It also counts the refusals, to check that kubectl was told the same.
 */
final class CapturedProbes implements Interceptor {
  /** One request: the path it was posted to and its JSON body. */
  record Request(String path, String json) {}

  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger refused = new AtomicInteger();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (isProbe(request)) {
      synchronized (requests) {
        requests.add(new Request(request.uri().getRawPath(), request.bodyString()));
      }
    }
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    if (isProbe(request) && response.code() >= 300) {
      refused.incrementAndGet();
    }
  }

  private static boolean isProbe(HttpRequest request) {
    String query = request.uri().getRawQuery();
    return "POST".equals(request.method()) && query != null && query.contains("dryRun=All");
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Probes the API server answered with an error status (denied, or no decision). */
  int refused() {
    return refused.get();
  }
}
