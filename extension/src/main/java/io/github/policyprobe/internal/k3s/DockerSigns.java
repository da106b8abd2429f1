package io.github.policyprobe.internal.k3s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether anything on this machine points at a Docker engine, read from the environment and the
 * file system only. Where nothing does, Testcontainers' discovery is not asked: it would log an
 * ERROR for what is, on a machine without Docker, the normal case (AUTO then takes the local
 * control plane and says so at INFO).
 *
 * <p>The signs are those Testcontainers' strategies follow: DOCKER_HOST, a {@code docker.host} or
 * {@code docker.client.strategy} in {@code ~/.testcontainers.properties}, a Docker CLI context,
 * and the sockets of Docker Engine, rootless Docker, Docker Desktop, Rancher Desktop, Colima,
 * OrbStack and Podman. Windows is always asked (its engine is a named pipe).
 */
final class DockerSigns {
  private static final String UNIX_SOCKET_STRATEGY = "org.testcontainers.dockerclient.UnixSocketClientProviderStrategy";
  private final Function<String, String> env;
  private final Path home;
  private final String osName;
  private final List<Path> systemSockets;

  /** @param systemSockets the machine-wide sockets to look for, beside those under {@code home} */
  DockerSigns(Function<String, String> env, Path home, String osName, List<Path> systemSockets) {
    this.env = env;
    this.home = home;
    this.osName = osName;
    this.systemSockets = List.copyOf(systemSockets);
  }

  static DockerSigns ofThisMachine() {
    Map<String, String> environment = System.getenv();
    return new DockerSigns(environment::get, Path.of(System.getProperty("user.home")),
        System.getProperty("os.name", ""), List.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"),
            Path.of("/var/run/podman/podman.sock"), Path.of("/run/podman/podman.sock")));
  }

  /** The first sign of an engine found, or empty when nothing points at one. */
  Optional<String> first() {
    if (osName.toLowerCase().startsWith("windows")) {
      return Optional.of("Windows (named pipes are not looked for)");
    }
    if (present(env.apply("DOCKER_HOST"))) {
      return Optional.of("DOCKER_HOST");
    }
    Path properties = home.resolve(".testcontainers.properties");
    // Testcontainers writes the strategy that last worked into that file itself; the Unix socket
    // strategy only finds the sockets looked for below, so it alone points at nothing
    if (mentions(properties, "docker.host") || (mentions(properties, "docker.client.strategy")
        && !mentions(properties, "docker.client.strategy=" + UNIX_SOCKET_STRATEGY))) {
      return Optional.of(properties.toString());
    }
    if (present(env.apply("DOCKER_CONTEXT")) || mentions(home.resolve(".docker/config.json"), "currentContext")) {
      return Optional.of("a Docker CLI context");
    }
    return sockets().stream().filter(Files::exists).findFirst().map(Path::toString);
  }

  /** Where Docker-compatible engines put their socket, as the engines and Testcontainers document. */
  List<Path> sockets() {
    List<Path> sockets = new ArrayList<>(systemSockets);
    sockets.addAll(List.of(
        home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"),
        home.resolve(".rd/docker.sock"), home.resolve(".colima/default/docker.sock"),
        home.resolve(".colima/docker.sock"), home.resolve(".orbstack/run/docker.sock")));
    String runtimeDir = env.apply("XDG_RUNTIME_DIR");
    if (present(runtimeDir)) {
      sockets.add(Path.of(runtimeDir, "docker.sock"));
      sockets.add(Path.of(runtimeDir, "podman/podman.sock"));
    }
    return sockets;
  }

  /** What {@link #first()} looked at, for the reason given when it found nothing. */
  String lookedAt() {
    return "no DOCKER_HOST, no docker.host in ~/.testcontainers.properties, no Docker CLI context,"
        + " no Docker or Podman socket (" + sockets().size() + " usual places)";
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static boolean mentions(Path file, String key) {
    try {
      return Files.isRegularFile(file) && Files.readString(file).contains(key);
    } catch (IOException e) {
      return true; // unreadable: let Testcontainers look for itself
    }
  }
}
