package io.github.policyprobe.internal.process;

import java.net.URI;
import java.util.Optional;

/**
 * The one setting for networks without internet: {@code -Dpolicyprobe.mirror=<url>} (or
 * {@code POLICYPROBE_MIRROR}). A download from {@code https://<host>/<path>} is then made from
 * {@code <url>/<host>/<path>}: a mirror holds the upstream files under their host's name.
 * kube-binaries.sh applies the rule to the control-plane binaries and their checksums; Java code
 * that downloads (the k3s backend's engine release manifests) is meant to go through
 * {@link #resolve(URI)}.
 */
public final class Mirror {
  public static final String PROPERTY = "policyprobe.mirror";
  public static final String ENV = "POLICYPROBE_MIRROR";

  private Mirror() {}

  /** The configured base URL, without a trailing slash. */
  public static Optional<String> base() {
    return Optional.ofNullable(System.getProperty(PROPERTY))
        .or(() -> Optional.ofNullable(System.getenv(ENV)))
        .map(String::strip)
        .filter(value -> !value.isEmpty())
        .map(value -> value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
  }

  /** Where to fetch {@code upstream} from: itself, or its copy on the configured mirror. */
  public static URI resolve(URI upstream) {
    return base().map(base -> resolve(base, upstream)).orElse(upstream);
  }

  static URI resolve(String base, URI upstream) {
    if (!"https".equals(upstream.getScheme())) {
      throw new IllegalArgumentException("only https URLs are mirrored: " + upstream);
    }
    return URI.create(base + "/" + upstream.getRawAuthority() + upstream.getRawPath());
  }
}
