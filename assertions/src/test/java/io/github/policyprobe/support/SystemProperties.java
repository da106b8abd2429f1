package io.github.policyprobe.support;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Runs a test kit with some system properties set, and puts back what was there before. */
public final class SystemProperties {
  private SystemProperties() {}

  public static <T> T with(Map<String, String> settings, Supplier<T> body) {
    Map<String, String> previous = new HashMap<>();
    settings.keySet().forEach(key -> previous.put(key, System.getProperty(key)));
    settings.forEach(System::setProperty);
    try {
      return body.get();
    } finally {
      previous.forEach((key, value) -> {
        if (value == null) {
          System.clearProperty(key);
        } else {
          System.setProperty(key, value);
        }
      });
    }
  }
}
