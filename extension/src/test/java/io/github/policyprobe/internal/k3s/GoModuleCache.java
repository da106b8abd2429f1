package io.github.policyprobe.internal.k3s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Files of Go modules as {@code go mod download} left them: the engines' release manifests ship in
 * their modules, which scripts/engine-binaries.sh downloads to build the engines.
 */
final class GoModuleCache {
  private GoModuleCache() {}

  /** {@code <GOMODCACHE>/<module>@<version>/<file>}; GOMODCACHE as {@code go env} reports it. */
  static Path file(String module, String version, String file) {
    return root().resolve(module + "@" + version).resolve(file);
  }

  static Path root() {
    return goEnv("GOMODCACHE").map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), "go", "pkg", "mod"));
  }

  private static Optional<String> goEnv(String name) {
    try {
      Process go = new ProcessBuilder("go", "env", name).redirectErrorStream(true).start();
      if (!go.waitFor(30, TimeUnit.SECONDS)) {
        go.destroyForcibly();
        return Optional.empty();
      }
      String value = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return go.exitValue() == 0 && !value.isEmpty() ? Optional.of(value) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
