package io.github.policyprobe.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineManifestCacheTest {
  @TempDir Path folder;

  @Test
  void aCachedManifestIsUsedWithoutDownloading() throws IOException {
    EngineManifestCache cache = new EngineManifestCache(folder);
    Files.writeString(folder.resolve("kyverno-v1.19.0.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: kyverno}\n");

    assertThat(cache.fileOf(EngineRelease.KYVERNO)).isEqualTo(folder.resolve("kyverno-v1.19.0.yaml"));
    assertThat(cache.manifestOf(EngineRelease.KYVERNO)).contains("name: kyverno");
  }

  @Test
  void eachPinnedReleaseHasItsOwnCacheFile() {
    EngineManifestCache cache = new EngineManifestCache(folder);

    assertThat(cache.fileOf(EngineRelease.GATEKEEPER)).isEqualTo(folder.resolve("gatekeeper-v3.23.0.yaml"));
    assertThat(EngineRelease.GATEKEEPER.manifest().toString()).contains("/v3.23.0/deploy/gatekeeper.yaml");
    assertThat(EngineRelease.KYVERNO.manifest().toString()).contains("/releases/download/v1.19.0/install.yaml");
  }
}
