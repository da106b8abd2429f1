package io.github.policyprobe.internal.engines;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the {@code Warning} headers of every response: fabric8 has no API for them. The API
 * server sends them as {@code 299 - "text"}; this keeps the text.
 */
final class WarningRecorder implements Interceptor {
  private final List<String> warnings = new ArrayList<>();

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    List<String> headers = response.headers("Warning");
    synchronized (warnings) {
      for (String header : headers) {
        warnings.add(textOf(header));
      }
    }
  }

  /** The warnings recorded since the last call, oldest first. */
  List<String> drain() {
    synchronized (warnings) {
      List<String> copy = List.copyOf(warnings);
      warnings.clear();
      return copy;
    }
  }

  static String textOf(String header) {
    String text = header.replaceFirst("^\\d{3} \\S+ ", "");
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return text;
  }
}
