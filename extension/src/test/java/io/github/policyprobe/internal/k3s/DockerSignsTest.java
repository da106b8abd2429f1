package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerSignsTest {
  @TempDir Path home;

  private DockerSigns signs(Map<String, String> env) {
    // this machine's own sockets must not count: none machine-wide, only those under home
    return new DockerSigns(env::get, home, "Linux", List.of());
  }

  @Test
  void nothingPointsAtAnEngineOnABareMachine() {
    assertThat(signs(Map.of()).first()).isEmpty();
    assertThat(signs(Map.of()).lookedAt()).contains("DOCKER_HOST", "socket");
  }

  @Test
  void dockerHostCounts() {
    assertThat(signs(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")).first()).contains("DOCKER_HOST");
  }

  @Test
  void testcontainersPropertiesCount() throws Exception {
    Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=unix:///somewhere.sock\n");
    assertThat(signs(Map.of()).first()).hasValueSatisfying(s -> assertThat(s).endsWith(".testcontainers.properties"));
  }

  /** Left by Testcontainers where Docker once ran: it finds nothing once the socket is gone. */
  @Test
  void aRememberedUnixSocketStrategyCountsOnlyWithItsSocket() throws Exception {
    Files.writeString(home.resolve(".testcontainers.properties"), "#Modified by Testcontainers\n"
        + "docker.client.strategy=org.testcontainers.dockerclient.UnixSocketClientProviderStrategy\n");
    assertThat(signs(Map.of()).first()).isEmpty();
    Files.createDirectories(home.resolve(".docker/run"));
    Files.createFile(home.resolve(".docker/run/docker.sock"));
    assertThat(signs(Map.of()).first()).hasValueSatisfying(s -> assertThat(s).endsWith(".docker/run/docker.sock"));
    Files.writeString(home.resolve(".testcontainers.properties"),
        "docker.client.strategy=org.testcontainers.dockerclient.DockerDesktopClientProviderStrategy\n");
    assertThat(signs(Map.of()).first()).hasValueSatisfying(s -> assertThat(s).endsWith(".testcontainers.properties"));
  }

  @Test
  void aDesktopSocketCounts() throws Exception {
    Files.createDirectories(home.resolve(".docker/run"));
    Files.createFile(home.resolve(".docker/run/docker.sock"));
    assertThat(signs(Map.of()).first()).hasValueSatisfying(s -> assertThat(s).endsWith(".docker/run/docker.sock"));
  }

  @Test
  void windowsIsAlwaysAsked() {
    assertThat(new DockerSigns(Map.<String, String>of()::get, home, "Windows 11", List.of()).first()).isPresent();
  }
}
