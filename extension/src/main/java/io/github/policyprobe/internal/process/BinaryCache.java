package io.github.policyprobe.internal.process;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Where built and downloaded binaries (kube-apiserver, etcd, the engines, k3s manifests) are kept
 * across runs: {@code -Dpolicyprobe.cache}, else {@code POLICYPROBE_CACHE}, else
 * {@code ~/.cache/policyprobe}. The bundled scripts get the same root in their environment.
 */
public final class BinaryCache {
  private BinaryCache() {}

  public static Path root() {
    String configured = Optional.ofNullable(System.getProperty("policyprobe.cache"))
        .orElse(System.getenv("POLICYPROBE_CACHE"));
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    return Paths.get(System.getProperty("user.home"), ".cache", "policyprobe");
  }
}
