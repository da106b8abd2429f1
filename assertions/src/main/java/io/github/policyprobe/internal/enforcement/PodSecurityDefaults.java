package io.github.policyprobe.internal.enforcement;

import io.github.policyprobe.internal.manifests.Locations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The cluster-wide Pod Security settings of an AdmissionConfiguration: the default enforce level
 * for namespaces without a label, and the namespaces, users and runtime classes exempted outright.
 *
 * @param source where they were read, for messages
 * @param enforce the default enforce level; {@code privileged} when none is set
 * @param exemptNamespaces namespaces PodSecurity never checks
 * @param exemptUsernames users whose requests PodSecurity never checks
 * @param exemptRuntimeClasses runtime classes whose Pods PodSecurity never checks
 */
record PodSecurityDefaults(String source, String enforce, List<String> exemptNamespaces,
    List<String> exemptUsernames, List<String> exemptRuntimeClasses) {
  static final PodSecurityDefaults NONE = new PodSecurityDefaults(
      "no AdmissionConfiguration, so the built-in default", "privileged", List.of(), List.of(), List.of());

  PodSecurityDefaults(String source, String enforce, List<String> exemptNamespaces) {
    this(source, enforce, exemptNamespaces, List.of(), List.of());
  }

  /** Reads the PodSecurity plugin's configuration, inline or from the file it names. */
  static Optional<PodSecurityDefaults> read(String location) {
    Path file = Locations.require(location, "admissionConfig");
    Map<?, ?> config = load(file);
    Object plugins = config.get("plugins");
    if (!(plugins instanceof List<?> list)) {
      return Optional.of(new PodSecurityDefaults(location, "privileged", List.of()));
    }
    for (Object plugin : list) {
      if (plugin instanceof Map<?, ?> p && "PodSecurity".equals(p.get("name"))) {
        Map<?, ?> podSecurity = p.get("configuration") instanceof Map<?, ?> inline ? inline
            : p.get("path") instanceof String path ? load(file.resolveSibling(path)) : Map.of();
        Map<?, ?> defaults = podSecurity.get("defaults") instanceof Map<?, ?> d ? d : Map.of();
        Map<?, ?> exemptions = podSecurity.get("exemptions") instanceof Map<?, ?> e ? e : Map.of();
        return Optional.of(new PodSecurityDefaults(location,
            String.valueOf(defaults.get("enforce") == null ? "privileged" : defaults.get("enforce")),
            strings(exemptions.get("namespaces")), strings(exemptions.get("usernames")),
            strings(exemptions.get("runtimeClasses"))));
      }
    }
    return Optional.of(new PodSecurityDefaults(location, "privileged", List.of()));
  }

  private static List<String> strings(Object list) {
    return list instanceof List<?> values ? values.stream().map(String::valueOf).toList() : List.of();
  }

  private static Map<?, ?> load(Path file) {
    try {
      Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
      return loaded instanceof Map<?, ?> map ? map : Map.of();
    } catch (IOException | RuntimeException e) {
      return Map.of(); // the API server already refused a broken file at boot; nothing to explain with
    }
  }
}
