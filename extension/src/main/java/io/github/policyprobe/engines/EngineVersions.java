package io.github.policyprobe.engines;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The pinned engine versions the local backend builds and runs, read from
 * {@code engine-versions.properties} so that engine-binaries.sh and Java cannot drift apart
 * silently (a test compares the two).
 */
public final class EngineVersions {
  private static final Properties PINNED = load();

  public static final String KYVERNO = PINNED.getProperty("kyverno");
  public static final String GATEKEEPER = PINNED.getProperty("gatekeeper");

  private EngineVersions() {}

  private static Properties load() {
    try (InputStream in = EngineVersions.class.getResourceAsStream("engine-versions.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("policyprobe's engine-versions.properties is missing from the class path", e);
    }
  }
}
