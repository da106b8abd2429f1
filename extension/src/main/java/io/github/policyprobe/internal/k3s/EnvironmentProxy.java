package io.github.policyprobe.internal.k3s;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy settings users already give their tools: {@code HTTPS_PROXY}, {@code HTTP_PROXY} and
 * {@code NO_PROXY} (either case), which Java's HTTP client ignores. Java's own proxy properties
 * ({@code -Dhttps.proxyHost}), when set, win: whoever set them meant the JVM.
 */
final class EnvironmentProxy extends ProxySelector {
  private final Optional<InetSocketAddress> https;
  private final Optional<InetSocketAddress> http;
  private final List<String> noProxy;

  private EnvironmentProxy(Optional<InetSocketAddress> https, Optional<InetSocketAddress> http, List<String> noProxy) {
    this.https = https;
    this.http = http;
    this.noProxy = noProxy;
  }

  /** The selector for this JVM: Java's properties if any are set, else the environment's. */
  static ProxySelector forThisProcess() {
    if (System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null
        || Boolean.getBoolean("java.net.useSystemProxies")) {
      return ProxySelector.getDefault();
    }
    return from(System.getenv());
  }

  /** A selector from environment variables as curl and Go read them. */
  static ProxySelector from(Map<String, String> environment) {
    return new EnvironmentProxy(
        address(variable(environment, "HTTPS_PROXY")),
        address(variable(environment, "HTTP_PROXY")),
        variable(environment, "NO_PROXY").map(list -> Arrays.stream(list.split(","))
            .map(entry -> entry.strip().toLowerCase(Locale.ROOT))
            .filter(entry -> !entry.isEmpty())
            .toList()).orElse(List.of()));
  }

  private static Optional<String> variable(Map<String, String> environment, String name) {
    return Optional.ofNullable(environment.get(name))
        .or(() -> Optional.ofNullable(environment.get(name.toLowerCase(Locale.ROOT))))
        .filter(value -> !value.isBlank());
  }

  /** {@code http://proxy:3128}, {@code proxy:3128} or {@code http://proxy} (port 80). */
  private static Optional<InetSocketAddress> address(Optional<String> value) {
    return value.map(v -> URI.create(v.contains("://") ? v.strip() : "http://" + v.strip()))
        .map(uri -> InetSocketAddress.createUnresolved(uri.getHost(),
            uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80));
  }

  @Override
  public List<Proxy> select(URI uri) {
    Optional<InetSocketAddress> proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
    if (proxy.isEmpty() || bypasses(uri.getHost())) {
      return List.of(Proxy.NO_PROXY);
    }
    return List.of(new Proxy(Proxy.Type.HTTP, proxy.get()));
  }

  /** NO_PROXY entries: {@code *}, a host, or a domain with or without its leading dot. */
  private boolean bypasses(String host) {
    String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
    for (String entry : noProxy) {
      String domain = entry.startsWith(".") ? entry.substring(1) : entry;
      if (entry.equals("*") || name.equals(domain) || name.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException e) {}
}
