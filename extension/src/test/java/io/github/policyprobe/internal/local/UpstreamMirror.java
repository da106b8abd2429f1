package io.github.policyprobe.internal.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mirror on 127.0.0.1 that serves files under their upstream URLs, laid out as policyprobe's
 * mirror setting expects ({@code /<host>/<path>}). Anything not put is a 404; a file put as
 * truncated announces its full length, sends half and hangs up, as a dropped connection would.
 * Plain sockets rather than the JDK's HttpServer, which keeps a short response's connection open.
 */
final class UpstreamMirror implements AutoCloseable {
  private record Served(byte[] body, boolean truncated) {}

  private final ServerSocket socket;
  private final Map<String, Served> files = new ConcurrentHashMap<>();
  private final List<String> requested = new CopyOnWriteArrayList<>();

  private UpstreamMirror(ServerSocket socket) {
    this.socket = socket;
  }

  static UpstreamMirror start() throws IOException {
    UpstreamMirror mirror = new UpstreamMirror(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    Thread acceptor = new Thread(mirror::acceptUntilClosed, "upstream-mirror");
    acceptor.setDaemon(true);
    acceptor.start();
    return mirror;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  UpstreamMirror put(String upstreamUrl, byte[] body) {
    files.put(pathOf(upstreamUrl), new Served(body, false));
    return this;
  }

  UpstreamMirror put(String upstreamUrl, String body) {
    return put(upstreamUrl, body.getBytes(StandardCharsets.UTF_8));
  }

  UpstreamMirror putTruncated(String upstreamUrl, byte[] body) {
    files.put(pathOf(upstreamUrl), new Served(body, true));
    return this;
  }

  /** The upstream URLs asked for, in order. */
  List<String> requested() {
    return List.copyOf(requested);
  }

  private static String pathOf(String upstreamUrl) {
    URI uri = URI.create(upstreamUrl);
    return "/" + uri.getRawAuthority() + uri.getRawPath();
  }

  private void acceptUntilClosed() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        serve(connection);
      } catch (IOException e) {
        // closed by close(), or a client that hung up: either way, on to the next one
      }
    }
  }

  /** One request per connection: the response says "Connection: close". */
  private void serve(Socket connection) throws IOException {
    BufferedReader request = new BufferedReader(
        new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
    String requestLine = request.readLine();
    for (String header = request.readLine(); header != null && !header.isEmpty(); header = request.readLine()) {
      // headers are not needed
    }
    if (requestLine == null) {
      return;
    }
    String path = requestLine.split(" ")[1];
    requested.add("https:/" + path);
    Served file = files.get(path);
    OutputStream out = connection.getOutputStream();
    if (file == null) {
      byte[] body = ("404 not found: " + path).getBytes(StandardCharsets.UTF_8);
      out.write(head("404 Not Found", body.length));
      out.write(body);
    } else {
      out.write(head("200 OK", file.body().length));
      out.write(file.body(), 0, file.truncated() ? file.body().length / 2 : file.body().length);
    }
    out.flush();
  }

  private static byte[] head(String status, int length) {
    return ("HTTP/1.1 " + status + "\r\nContent-Length: " + length
        + "\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
