package io.github.policyprobe.internal.versions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Kubernetes releases policyprobe knows ({@code versions.properties}): what a version a user
 * names resolves to, and the etcd and k3s image that go with it. A minor ({@code "1.36"}) means its
 * newest known patch; a full release ({@code "v1.36.1"}) is taken as given.
 */
public final class KubernetesVersions {
  /** Runs every {@code @PolicyCluster} class once per version: {@code 1.34,1.36,1.37}. */
  public static final String MATRIX_PROPERTY = "policyprobe.kubernetesVersions";
  /** The one version every {@code @PolicyCluster} class runs on unless it names its own. */
  public static final String VERSION_PROPERTY = "policyprobe.kubernetesVersion";

  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
  private static final Pattern K3S_TAG = Pattern.compile(":(v\\d+\\.\\d+\\.\\d+)-k3s\\d+$");

  private KubernetesVersions() {}

  /** The minors policyprobe knows, oldest first, such as {@code 1.34}. */
  public static List<String> minors() {
    List<String> minors = new ArrayList<>();
    for (String key : Versions.keys()) {
      if (key.startsWith("kubernetes.")) {
        minors.add(key.substring("kubernetes.".length()));
      }
    }
    minors.sort(Comparator.comparingInt(KubernetesVersions::minorNumber));
    return minors;
  }

  /**
   * The release {@code requested} names: {@code 1.36} and {@code v1.36} give the newest known
   * patch of 1.36; {@code 1.36.1} gives {@code v1.36.1}.
   *
   * @throws IllegalArgumentException when it is no version, or a minor policyprobe does not know
   */
  public static String resolve(String requested) {
    Matcher matcher = VERSION.matcher(requested.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Kubernetes version '" + requested
          + "' is not a version: give a minor such as 1.36, or a release such as v1.36.3");
    }
    String minor = matcher.group(1) + "." + matcher.group(2);
    if (matcher.group(3) != null) {
      return "v" + minor + "." + matcher.group(3);
    }
    return Versions.get("kubernetes." + minor).orElseThrow(() -> new IllegalArgumentException(
        "Kubernetes " + requested.strip() + " is not a minor policyprobe knows; it knows " + String.join(", ", minors())
            + " (name a full release such as v" + minor + ".0 to try another, with its binaries in the cache)"));
  }

  /** Each entry of a comma-separated list resolved, in the order given, duplicates dropped. */
  public static List<String> resolveAll(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(entry -> !entry.isEmpty())
        .map(KubernetesVersions::resolve)
        .distinct()
        .collect(Collectors.toList());
  }

  /** The minor of a release: {@code 1.36} for {@code v1.36.3}. */
  public static String minorOf(String version) {
    Matcher matcher = VERSION.matcher(version);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + version + "' is not a Kubernetes version");
    }
    return matcher.group(1) + "." + matcher.group(2);
  }

  /** The etcd release {@code version} runs with, if policyprobe knows its minor. */
  public static Optional<String> etcdFor(String version) {
    return Versions.get("etcd." + minorOf(version));
  }

  /** The Kubernetes release a k3s image's tag names: v1.35.4 for {@code ...:v1.35.4-k3s1}. */
  public static Optional<String> ofK3sImage(String image) {
    Matcher matcher = K3S_TAG.matcher(image);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The first k3s build of {@code version}: {@code rancher/k3s:v1.36.3-k3s1}. */
  public static String k3sImageFor(String version) {
    return "rancher/k3s:" + version + "-k3s1";
  }

  /**
   * The kube-apiserver flags policyprobe adds on {@code version}, before the user's own (which may
   * turn them off again): where MutatingAdmissionPolicy is beta (1.34 and 1.35), its feature gate
   * and its v1beta1 API, so that the team's MutatingAdmissionPolicies apply on every version that
   * serves them; from 1.36 on it is GA and on by default.
   */
  public static List<String> apiServerDefaults(String version) {
    int minor = minorNumber(minorOf(version));
    if (minor == 34 || minor == 35) {
      return List.of("--feature-gates=MutatingAdmissionPolicy=true",
          "--runtime-config=admissionregistration.k8s.io/v1beta1=true");
    }
    return List.of();
  }

  /** Orders two minors such as "1.9" and "1.37" by number. */
  public static int compareMinors(String left, String right) {
    return Integer.compare(minorNumber(left), minorNumber(right));
  }

  private static int minorNumber(String minor) {
    return Integer.parseInt(minor.substring(minor.indexOf('.') + 1));
  }
}
