package io.github.policyprobe.internal.versions;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The pinned versions, read from {@code versions.properties} so that the provisioning scripts
 * and the Java side cannot drift apart silently (tests compare them).
 */
public final class Versions {
  private static final Properties PINNED = load();

  public static final String KUBERNETES = PINNED.getProperty("kubernetes");
  public static final String ETCD = PINNED.getProperty("etcd");
  public static final String K3S_IMAGE = PINNED.getProperty("k3s.image");

  private Versions() {}

  /** A pinned value by its key in versions.properties. */
  public static Optional<String> get(String key) {
    return Optional.ofNullable(PINNED.getProperty(key));
  }

  static Set<String> keys() {
    return PINNED.stringPropertyNames();
  }

  private static Properties load() {
    try (InputStream in = Versions.class.getResourceAsStream("/io/github/policyprobe/versions.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("policyprobe's versions.properties is missing from the class path", e);
    }
  }
}
