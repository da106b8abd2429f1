package io.github.policyprobe.internal.probe;

import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.manifests.WarnTwins;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every ValidatingAdmissionPolicy that denies a probe, read from the warnings of the bindings'
 * Warn twins ({@link WarnTwins}), in a stable order. kube-apiserver names one denier only, and
 * which one changes from one policy reload to the next; a verdict that names all of them, sorted,
 * is the same in every run.
 */
final class DenyingPolicies {
  private static final String TWIN_BINDING = "with binding '" + WarnTwins.PREFIX;

  private final List<Attribution> deniers;

  private DenyingPolicies(List<Attribution> deniers) {
    this.deniers = deniers;
  }

  static boolean isTwinWarning(String warning) {
    return warning.contains(TWIN_BINDING);
  }

  static DenyingPolicies fromTwinWarnings(List<String> warnings) {
    // One warning per failed validation: a policy whose checks fail twice is one denier.
    Map<List<String>, List<String>> details = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
        .thenComparing(k -> k.get(1)));
    warnings.stream().filter(DenyingPolicies::isTwinWarning).map(DenialParser::parse)
        .filter(a -> a.engine() == Engine.VALIDATING_ADMISSION_POLICY)
        .forEach(a -> details.computeIfAbsent(List.of(a.policy(), a.rule().substring(WarnTwins.PREFIX.length())),
            k -> new ArrayList<>()).add(a.detail()));
    return new DenyingPolicies(details.entrySet().stream()
        .map(e -> new Attribution(Engine.VALIDATING_ADMISSION_POLICY, e.getKey().get(0), e.getKey().get(1),
            String.join("; ", e.getValue())))
        .toList());
  }

  /** Whether more than one policy denies: then the server's message names an arbitrary one. */
  boolean several() {
    return deniers.size() > 1;
  }

  /** All of them as one attribution: policies and bindings comma-separated, in order. */
  Attribution attribution() {
    return new Attribution(Engine.VALIDATING_ADMISSION_POLICY,
        String.join(", ", deniers.stream().map(Attribution::policy).toList()),
        String.join(", ", deniers.stream().map(Attribution::rule).toList()),
        String.join("; ", deniers.stream().map(Attribution::detail).toList()));
  }

  /** Each denier's own words, in order. */
  String message() {
    return deniers.size() + " ValidatingAdmissionPolicies deny it: " + String.join("; ", deniers.stream()
        .map(a -> "'" + a.policy() + "' with binding '" + a.rule() + "': " + a.detail()).toList());
  }
}
