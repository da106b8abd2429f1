package io.github.policyprobe.internal.objects;

import java.util.Locale;

/**
 * Names for probes. Probes use {@code generateName}, so a dry-run never collides with an object
 * that exists, and the requirement id shows in the name the API server quotes back.
 */
public final class ProbeNames {
  private static final int MAX_PREFIX = 40;

  private ProbeNames() {}

  public static String generateName(String probeId) {
    String id = dnsLabel(probeId);
    String prefix = "policyprobe-" + id;
    if (prefix.length() > MAX_PREFIX) {
      prefix = prefix.substring(0, MAX_PREFIX).replaceAll("-+$", "");
    }
    return prefix + "-";
  }

  /** A label value: at most 63 characters of [a-z0-9-_.], starting and ending alphanumeric. */
  public static String labelValue(String probeId) {
    String value = probeId.replaceAll("[^A-Za-z0-9_.-]+", "-");
    if (value.length() > 63) {
      value = value.substring(0, 63);
    }
    return value.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
  }

  private static String dnsLabel(String probeId) {
    String id = probeId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    id = id.replaceAll("^-+", "").replaceAll("-+$", "");
    return id.isEmpty() ? "probe" : id;
  }
}
