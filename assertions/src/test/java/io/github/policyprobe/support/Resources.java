package io.github.policyprobe.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test resources as text. */
public final class Resources {
  private Resources() {}

  public static String text(String path) {
    try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Warning header values captured next to a response, one per line. */
  public static List<String> warningHeaders(String name) {
    String path = "captured/" + name + ".warnings.txt";
    if (Resources.class.getClassLoader().getResource(path) == null) {
      return List.of();
    }
    return text(path).lines().filter(l -> !l.isBlank()).toList();
  }
}
