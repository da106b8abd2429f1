package io.github.policyprobe.internal.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private temporary folder for one cluster's data, certificates and logs. Its name carries the
 * owning JVM's PID, so a later run removes folders whose owner died without cleaning up.
 */
public final class ScratchDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);
  static final String PREFIX = "policyprobe-";

  private final Path path;

  private ScratchDirectory(Path path) {
    this.path = path;
  }

  public static ScratchDirectory create() {
    sweepOrphans();
    try {
      long pid = ProcessHandle.current().pid();
      return new ScratchDirectory(Files.createTempDirectory(root(), PREFIX + pid + "-"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary folder under " + root(), e);
    }
  }

  public Path path() {
    return path;
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }

  /** Removes folders left behind by JVMs that no longer run (killed before they could clean up). */
  static void sweepOrphans() {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(root(), PREFIX + "*")) {
      for (Path folder : folders) {
        ownerPid(folder)
            .filter(pid -> ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true))
            .ifPresent(pid -> {
              LOG.info("removing {} left by process {}, which no longer runs", folder, pid);
              delete(folder);
            });
      }
    } catch (IOException e) {
      LOG.debug("could not look for orphaned folders in {}", root(), e);
    }
  }

  private static java.util.Optional<Long> ownerPid(Path folder) {
    String name = folder.getFileName().toString().substring(PREFIX.length());
    int dash = name.indexOf('-');
    try {
      return java.util.Optional.of(Long.parseLong(dash < 0 ? name : name.substring(0, dash)));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private static Path root() {
    return Paths.get(System.getProperty("java.io.tmpdir"));
  }

  static void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not remove {}: {}", folder, e.getMessage());
    }
  }

  @Override
  public void close() {
    delete(path);
  }
}
