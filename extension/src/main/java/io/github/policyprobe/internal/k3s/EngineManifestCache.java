package io.github.policyprobe.internal.k3s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.internal.process.BinaryCache;
import io.github.policyprobe.internal.process.Mirror;
import io.github.policyprobe.internal.progress.ProgressLog;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * An engine's install manifest, downloaded once per pinned version into policyprobe's cache
 * ({@code <cache>/engines/k3s-manifests/}). A pinned release asset does not change, so the cached
 * copy is reused; on a machine without network a person can put the file there by hand.
 *
 * <p>Only a manifest is cached: a download is parsed and checked for the engine's objects (its
 * CRDs and a Deployment in its namespace) before it is moved into place, so a proxy's HTML page
 * answered with HTTP 200 is refused instead of kept forever. Errors name the cache file.
 */
final class EngineManifestCache {
  private static final Logger LOG = ProgressLog.of(EngineManifestCache.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(3);

  private final Path folder;
  private final Function<PinnedEngine, URI> source;
  private final ProxySelector proxies;

  EngineManifestCache(Path folder) {
    this(folder, release -> Mirror.resolve(release.installManifest()), EnvironmentProxy.forThisProcess());
  }

  EngineManifestCache(Path folder, Function<PinnedEngine, URI> source, ProxySelector proxies) {
    this.folder = folder;
    this.source = source;
    this.proxies = proxies;
  }

  static EngineManifestCache inPolicyprobeCache() {
    return new EngineManifestCache(BinaryCache.root().resolve("engines").resolve("k3s-manifests"));
  }

  /** The manifest's file name in the cache, such as {@code kyverno-v1.19.0.yaml}. */
  static String fileNameOf(PinnedEngine release) {
    return release.name().toLowerCase(java.util.Locale.ROOT) + "-" + release.version() + ".yaml";
  }

  Path fileOf(PinnedEngine release) {
    return folder.resolve(EngineManifestCache.fileNameOf(release));
  }

  /** The manifest's objects, from the cache or else downloaded into it; checked either way. */
  List<HasMetadata> objectsOf(PinnedEngine release) {
    Path file = fileOf(release);
    try {
      if (Files.isRegularFile(file) && Files.size(file) > 0) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return checked(release, text, file + " (delete it to download it again from " + source.apply(release) + ")");
      }
      String text = download(release);
      List<HasMetadata> objects = checked(release, text, "the file downloaded from " + source.apply(release)
          + " for " + file + " (not cached)");
      Files.createDirectories(folder);
      Path partial = Files.createTempFile(folder, EngineManifestCache.fileNameOf(release), ".part");
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return objects;
    } catch (IOException e) {
      throw new ClusterStartException("Could not cache the install manifest of " + release + " in "
          + file + ": " + e, e);
    }
  }

  /** Parsed, and holding what every install manifest of this engine holds. */
  static List<HasMetadata> checked(PinnedEngine release, String text, String source) {
    String start = text.stripLeading();
    if (start.startsWith("<")) {
      throw new ClusterStartException(source + " is not " + release + "'s install manifest but an HTML"
          + " page (it begins " + quoteStart(start) + "): a proxy, captive portal or login page answered"
          + " instead. Check the proxy settings (HTTPS_PROXY, NO_PROXY) or save the manifest by hand.");
    }
    List<HasMetadata> objects = EngineManifest.parse(text, source);
    boolean hasCrds = objects.stream().anyMatch(EngineManifest::isCrd);
    boolean hasDeployment = objects.stream().anyMatch(object -> "Deployment".equals(object.getKind())
        && release.k3sInstall().namespace().equals(object.getMetadata().getNamespace()));
    if (!hasCrds || !hasDeployment) {
      throw new ClusterStartException(source + " is not " + release + "'s install manifest: it holds "
          + objects.size() + " objects but " + (hasCrds ? "" : "no CustomResourceDefinition"
          + (hasDeployment ? "" : " and ")) + (hasDeployment ? "" : "no Deployment in namespace "
          + release.k3sInstall().namespace()));
    }
    return objects;
  }

  private static String quoteStart(String text) {
    String line = text.lines().findFirst().orElse("").strip();
    return "'" + (line.length() > 60 ? line.substring(0, 60) + "..." : line) + "'";
  }

  private String download(PinnedEngine release) {
    long started = System.nanoTime();
    URI uri = source.apply(release);
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .proxy(proxies)
        .build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw unreachable(release, "HTTP " + response.statusCode(), null);
      }
      LOG.info("Downloaded the install manifest of {} ({} KiB{}) in {} ms", release,
          response.body().length() / 1024,
          response.headers().firstValue("content-type").map(type -> ", " + type.toLowerCase(Locale.ROOT)).orElse(""),
          (System.nanoTime() - started) / 1_000_000);
      return response.body();
    } catch (IOException e) {
      throw unreachable(release, e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(release, "interrupted", e);
    }
  }

  private ClusterStartException unreachable(PinnedEngine release, String reason, Throwable cause) {
    return new ClusterStartException("Could not download the install manifest of " + release + " from "
        + source.apply(release) + ": " + reason + ". Installing engines on the K3S backend needs network"
        + " access to that address (through HTTPS_PROXY if one is set; and, for k3s, to the engine's"
        + " image registry); offline, save that file as " + fileOf(release) + " beforehand.", cause);
  }
}
