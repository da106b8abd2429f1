package io.github.policyprobe.internal.engines;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.manifests.Locations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The settings of a team's Helm values file (the one they give {@code helm install}) that change
 * how an engine admits, turned into what policyprobe runs the engine with, on the local control
 * plane and in k3s alike. Kyverno (chart kyverno): {@code features.policyExceptions.enabled} and
 * {@code .namespace}, {@code features.forceFailurePolicyIgnore.enabled}, and {@code config}'s
 * excludeGroups, excludeUsernames, excludeRoles, excludeClusterRoles, resourceFilters and
 * webhooks, into the flags and the {@code kyverno} ConfigMap the chart renders from them.
 * Gatekeeper (chart gatekeeper): {@code controllerManager.exemptNamespaces}, {@code
 * exemptNamespacePrefixes} and {@code exemptNamespaceSuffixes}, into its flags. Every other value
 * (replicas, resources, images) does not change a verdict and is left alone.
 *
 * @param source where the values were read, for messages
 * @param values the values file as YAML maps
 */
public record EngineValues(String source, Map<String, Object> values) {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final java.util.Set<String> REPEATABLE =
      java.util.Set.of("--exempt-namespace", "--exempt-namespace-prefix", "--exempt-namespace-suffix");

  public EngineValues {
    values = Map.copyOf(values);
  }

  /** No values: the chart's defaults, which policyprobe's engines run with. */
  public static EngineValues defaults() {
    return new EngineValues("the chart's defaults", Map.of());
  }

  /**
   * Reads a values file, relative to the project or on the class path.
   *
   * @throws ClusterStartException naming the file and what is wrong with it
   */
  public static EngineValues read(String location) {
    Path file = Locations.find(location).orElseThrow(() -> new ClusterStartException("engine values file '"
        + location + "' not found: neither relative to " + Path.of("").toAbsolutePath() + " nor on the class path"));
    try {
      Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
      if (loaded != null && !(loaded instanceof Map<?, ?>)) {
        throw new ClusterStartException(location + ": a Helm values file is a YAML mapping, not "
            + loaded.getClass().getSimpleName());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = loaded == null ? Map.of() : (Map<String, Object>) loaded;
      return new EngineValues(location, map);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ClusterStartException cse) {
        throw cse;
      }
      throw new ClusterStartException(location + ": cannot read the engine values: " + e.getMessage(), e);
    }
  }

  /** {@code features.policyExceptions.enabled}: off unless the values turn it on (Kyverno's default since 1.13). */
  public boolean kyvernoPolicyExceptions() {
    return bool("features", "policyExceptions", "enabled").orElse(false);
  }

  /**
   * {@code features.policyExceptions.namespace}: where Kyverno accepts PolicyExceptions, {@code *}
   * for every namespace; empty (the chart's default) renders no flag, and Kyverno 1.19 then
   * selects none.
   */
  public String kyvernoExceptionNamespace() {
    return text("features", "policyExceptions", "namespace").orElse("");
  }

  /**
   * Kyverno's flags that these values change, each as {@code --name=value}: they replace the
   * flags of the same name policyprobe and the release manifest start Kyverno with.
   */
  public List<String> kyvernoFlags() {
    List<String> flags = new ArrayList<>();
    bool("features", "policyExceptions", "enabled")
        .ifPresent(on -> flags.add("--enablePolicyException=" + on));
    String exceptionNamespace = kyvernoExceptionNamespace();
    if (!exceptionNamespace.isBlank()) {
      flags.add("--exceptionNamespace=" + exceptionNamespace);
    }
    bool("features", "forceFailurePolicyIgnore", "enabled")
        .ifPresent(on -> flags.add("--forceFailurePolicyIgnore=" + on));
    return flags;
  }

  /** The {@code kyverno} ConfigMap's data these values set, as the chart renders it; merged over the release's. */
  public Map<String, String> kyvernoConfig() {
    Map<String, String> data = new LinkedHashMap<>();
    for (String key : List.of("excludeGroups", "excludeUsernames", "excludeRoles", "excludeClusterRoles")) {
      strings("config", key).ifPresent(list -> data.put(key, String.join(",", list)));
    }
    strings("config", "resourceFilters").ifPresent(list -> data.put("resourceFilters", String.join("\n", list)));
    Object webhooks = value("config", "webhooks");
    if (webhooks != null) {
      data.put("webhooks", JSON.asJson(webhooks));
    }
    return data;
  }

  /** Gatekeeper's flags from these values: one per exempt namespace, prefix and suffix. */
  public List<String> gatekeeperFlags() {
    List<String> flags = new ArrayList<>();
    strings("controllerManager", "exemptNamespaces").orElse(List.of())
        .forEach(ns -> flags.add("--exempt-namespace=" + ns));
    strings("controllerManager", "exemptNamespacePrefixes").orElse(List.of())
        .forEach(prefix -> flags.add("--exempt-namespace-prefix=" + prefix));
    strings("controllerManager", "exemptNamespaceSuffixes").orElse(List.of())
        .forEach(suffix -> flags.add("--exempt-namespace-suffix=" + suffix));
    return flags;
  }

  /**
   * {@code base} with {@code overrides}: a flag replaces the one of the same name, but the
   * exempt-namespace flags, which Gatekeeper takes many times, add to those already there.
   */
  public static List<String> withFlags(List<String> base, List<String> overrides) {
    List<String> result = new ArrayList<>();
    for (String flag : base) {
      String name = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
      if (REPEATABLE.contains(name) || overrides.stream().noneMatch(o -> o.startsWith(name + "="))) {
        result.add(flag);
      }
    }
    overrides.stream().filter(flag -> !result.contains(flag)).forEach(result::add);
    return result;
  }

  private Object value(String... path) {
    Object node = values;
    for (String key : path) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  private Optional<Boolean> bool(String... path) {
    Object value = value(path);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Boolean b) {
      return Optional.of(b);
    }
    throw new ClusterStartException(source + ": " + String.join(".", path) + " must be true or false, not '" + value + "'");
  }

  private Optional<String> text(String... path) {
    Object value = value(path);
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  private Optional<List<String>> strings(String... path) {
    Object value = value(path);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof List<?> list) {
      return Optional.of(list.stream().map(String::valueOf).toList());
    }
    throw new ClusterStartException(source + ": " + String.join(".", path) + " must be a list, not '" + value + "'");
  }
}
