package io.github.policyprobe.internal.k3s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The docker command line, as a second opinion on whether an engine answers. */
final class DockerCommand {
  private DockerCommand() {}

  /** The engine's version as {@code docker version} reports it; empty without command or engine. */
  static Optional<String> serverVersion() {
    try {
      Process process = new ProcessBuilder("docker", "version", "--format", "{{.Server.Version}}")
          .redirectErrorStream(true).start();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return process.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
