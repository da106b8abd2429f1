package io.github.policyprobe.k3s;

import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.local.KubeBinaries;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's install manifest, downloaded once per pinned version into policyprobe's cache
 * ({@code <cache>/engines/k3s-manifests/}). A pinned release asset does not change, so the cached
 * copy is reused; on a machine without network a person can put the file there by hand.
 */
final class EngineManifestCache {
  private static final Logger LOG = LoggerFactory.getLogger(EngineManifestCache.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(3);

  private final Path folder;

  EngineManifestCache(Path folder) {
    this.folder = folder;
  }

  static EngineManifestCache inPolicyprobeCache() {
    return new EngineManifestCache(KubeBinaries.cacheRoot().resolve("engines").resolve("k3s-manifests"));
  }

  Path fileOf(EngineRelease release) {
    return folder.resolve(release.cacheFileName());
  }

  /** The manifest's text, from the cache or else downloaded into it. */
  String manifestOf(EngineRelease release) {
    Path file = fileOf(release);
    try {
      if (Files.isRegularFile(file) && Files.size(file) > 0) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
      String text = download(release);
      Files.createDirectories(folder);
      Path partial = Files.createTempFile(folder, release.cacheFileName(), ".part");
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return text;
    } catch (IOException e) {
      throw new ClusterStartException("Could not cache the install manifest of " + release + " in "
          + file + ": " + e, e);
    }
  }

  private String download(EngineRelease release) {
    long started = System.nanoTime();
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .proxy(ProxySelector.getDefault())
        .build();
    HttpRequest request = HttpRequest.newBuilder(release.manifest()).timeout(DOWNLOAD_TIMEOUT).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw unreachable(release, "HTTP " + response.statusCode(), null);
      }
      LOG.info("Downloaded the install manifest of {} ({} KiB) in {} ms", release,
          response.body().length() / 1024, (System.nanoTime() - started) / 1_000_000);
      return response.body();
    } catch (IOException e) {
      throw unreachable(release, e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(release, "interrupted", e);
    }
  }

  private ClusterStartException unreachable(EngineRelease release, String reason, Throwable cause) {
    return new ClusterStartException("Could not download the install manifest of " + release + " from "
        + release.manifest() + ": " + reason + ". Installing engines on the K3S backend needs network"
        + " access to that address (and, for k3s, to the engine's image registry); offline, save that"
        + " file as " + fileOf(release) + " beforehand.", cause);
  }
}
