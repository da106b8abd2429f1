package io.github.policyprobe.internal.manifests;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a location as users write it in {@code @PolicyCluster} into a path: relative to the
 * project (working) folder first, then on the class path, so "policies/" works both from
 * {@code src/test/resources} and from a folder next to the pom.
 */
public final class Locations {
  private Locations() {}

  public static Optional<Path> find(String location) {
    Path direct = Paths.get(location);
    if (Files.exists(direct)) {
      return Optional.of(direct.toAbsolutePath().normalize());
    }
    String resource = location.startsWith("/") ? location.substring(1) : location;
    resource = resource.startsWith("classpath:") ? resource.substring("classpath:".length()) : resource;
    URL url = contextClassLoader().getResource(resource);
    if (url == null && resource.endsWith("/")) {
      url = contextClassLoader().getResource(resource.substring(0, resource.length() - 1));
    }
    return Optional.ofNullable(url).map(Locations::toPath);
  }

  /** Like {@link #find}, failing with a message that says where it looked. */
  public static Path require(String location, String what) {
    return find(location).orElseThrow(() -> new ManifestException(what + " '" + location
        + "' not found: neither relative to " + Paths.get("").toAbsolutePath()
        + " nor on the class path"));
  }

  private static Path toPath(URL url) {
    try {
      if ("jar".equals(url.getProtocol())) {
        try {
          FileSystems.getFileSystem(url.toURI());
        } catch (FileSystemNotFoundException e) {
          FileSystems.newFileSystem(url.toURI(), Map.of());
        }
      }
      return Paths.get(url.toURI());
    } catch (URISyntaxException | IOException e) {
      throw new ManifestException("cannot read class path resource " + url + ": " + e.getMessage());
    }
  }

  private static ClassLoader contextClassLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : Locations.class.getClassLoader();
  }
}
