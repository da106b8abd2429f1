package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.internal.process.Mirror;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache against a real HTTP server on 127.0.0.1: what is cached, what is refused. */
class EngineManifestCacheTest {
  /** The least an engine's install manifest holds: its namespace, a CRD, a Deployment there. */
  static final String KYVERNO_LIKE = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: kyverno}
      ---
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: policies.kyverno.io}
      spec:
        group: kyverno.io
        names: {kind: Policy, plural: policies}
        scope: Namespaced
        versions: []
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: kyverno-admission-controller, namespace: kyverno}
      spec: {}
      """;
  private static final String PROXY_PAGE = """
      <!DOCTYPE html>
      <html><head><title>Access denied</title></head><body>Blocked by policy</body></html>
      """;

  @TempDir Path folder;
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Serves {@code body} with {@code status} for every path, on 127.0.0.1 only. */
  private URI serve(int status, String contentType, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestURI().toString());
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", contentType);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/kyverno/install.yaml");
  }

  private EngineManifestCache cacheFrom(URI source) {
    return new EngineManifestCache(folder, release -> source, EnvironmentProxy.from(Map.of()));
  }

  @Test
  void aDownloadedManifestIsCheckedCachedAndThenReusedWithoutDownloading() throws IOException {
    EngineManifestCache cache = cacheFrom(serve(200, "text/yaml", KYVERNO_LIKE));

    List<HasMetadata> first = cache.objectsOf(PinnedEngine.KYVERNO);
    List<HasMetadata> second = cache.objectsOf(PinnedEngine.KYVERNO);

    assertThat(first).extracting(HasMetadata::getKind).containsExactly("Namespace", "CustomResourceDefinition", "Deployment");
    assertThat(second).hasSameSizeAs(first);
    assertThat(requests).containsExactly("/kyverno/install.yaml");
    assertThat(Files.readString(folder.resolve("kyverno-v1.19.0.yaml"))).isEqualTo(KYVERNO_LIKE);
  }

  @Test
  void anHtmlPageAnsweredWithStatus200IsRefusedAndNotCached() throws IOException {
    URI source = serve(200, "text/html", PROXY_PAGE);
    EngineManifestCache cache = cacheFrom(source);

    assertThatThrownBy(() -> cache.objectsOf(PinnedEngine.KYVERNO))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageStartingWith("the file downloaded from " + source + " for " + folder.resolve("kyverno-v1.19.0.yaml")
            + " (not cached) is not Kyverno v1.19.0's install manifest but an HTML page (it begins '<!DOCTYPE html>')")
        .hasMessageContaining("HTTPS_PROXY");
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void yamlWithoutTheEnginesObjectsIsRefusedAndNotCached() throws IOException {
    EngineManifestCache cache = cacheFrom(serve(200, "text/yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: kyverno}\n"));

    assertThatThrownBy(() -> cache.objectsOf(PinnedEngine.KYVERNO))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageEndingWith("is not Kyverno v1.19.0's install manifest: it holds 1 objects but no"
            + " CustomResourceDefinition and no Deployment in namespace kyverno");
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void aBrokenCachedFileIsNamedWithHowToGetAFreshOne() throws IOException {
    Path cached = Files.writeString(folder.resolve("gatekeeper-v3.23.0.yaml"), PROXY_PAGE);
    EngineManifestCache cache = cacheFrom(URI.create("http://127.0.0.1:9/never-asked"));

    assertThatThrownBy(() -> cache.objectsOf(PinnedEngine.GATEKEEPER))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageStartingWith(cached + " (delete it to download it again from http://127.0.0.1:9/never-asked)"
            + " is not Gatekeeper v3.23.0's install manifest but an HTML page");
  }

  @Test
  void anHttpErrorSaysWhereTheFileCanBePutByHand() throws IOException {
    URI source = serve(404, "text/plain", "not found");

    assertThatThrownBy(() -> cacheFrom(source).objectsOf(PinnedEngine.KYVERNO))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("from " + source + ": HTTP 404")
        .hasMessageContaining("save that file as " + folder.resolve("kyverno-v1.19.0.yaml"));
  }

  @Test
  void theDownloadGoesThroughTheProxyTheEnvironmentNames() throws IOException {
    // The loopback server plays the proxy: a proxied request names the whole URL.
    URI proxy = serve(200, "text/yaml", KYVERNO_LIKE);
    EngineManifestCache cache = new EngineManifestCache(folder,
        release -> URI.create("http://releases.invalid/kyverno/install.yaml"),
        EnvironmentProxy.from(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getPort())));

    assertThat(cache.objectsOf(PinnedEngine.KYVERNO)).hasSize(3);
    assertThat(requests).containsExactly("http://releases.invalid/kyverno/install.yaml");
  }

  @Test
  void theMirrorSettingServesTheManifestUnderItsUpstreamHostAndPath() throws IOException {
    URI mirror = serve(200, "text/yaml", KYVERNO_LIKE);
    System.setProperty(Mirror.PROPERTY, "http://127.0.0.1:" + mirror.getPort() + "/mirror/");
    try {
      assertThat(new EngineManifestCache(folder).objectsOf(PinnedEngine.KYVERNO)).hasSize(3);
    } finally {
      System.clearProperty(Mirror.PROPERTY);
    }
    assertThat(requests).singleElement().asString()
        .endsWith("/mirror/github.com/kyverno/kyverno/releases/download/v1.19.0/install.yaml");
  }

  @Test
  void eachPinnedReleaseHasItsOwnCacheFile() {
    EngineManifestCache cache = new EngineManifestCache(folder);

    assertThat(cache.fileOf(PinnedEngine.GATEKEEPER)).isEqualTo(folder.resolve("gatekeeper-v3.23.0.yaml"));
    assertThat(PinnedEngine.GATEKEEPER.installManifest().toString()).contains("/v3.23.0/deploy/gatekeeper.yaml");
    assertThat(PinnedEngine.KYVERNO.installManifest().toString()).contains("/releases/download/v1.19.0/install.yaml");
  }
}
