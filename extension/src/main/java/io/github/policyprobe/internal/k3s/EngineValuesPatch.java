package io.github.policyprobe.internal.k3s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.engines.EngineValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine's release manifest with a team's Helm values applied where they change admission,
 * as the local backend applies them to its processes: Kyverno's flags on its admission controller
 * (and on any other controller that already takes the flag) and its {@code kyverno} ConfigMap,
 * Gatekeeper's exempt namespaces on its controller manager.
 */
final class EngineValuesPatch {
  private EngineValuesPatch() {}

  static List<HasMetadata> apply(Engine engine, List<HasMetadata> objects, EngineValues values) {
    List<HasMetadata> patched = new ArrayList<>(objects.size());
    for (HasMetadata object : objects) {
      if (object instanceof GenericKubernetesResource resource) {
        if (engine == Engine.KYVERNO && "ConfigMap".equals(resource.getKind())
            && "kyverno".equals(resource.getMetadata().getName()) && !values.kyvernoConfig().isEmpty()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> data = new LinkedHashMap<>(
              resource.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of());
          data.putAll(values.kyvernoConfig());
          resource.setAdditionalProperty("data", data);
        } else if ("Deployment".equals(resource.getKind())) {
          String name = resource.getMetadata().getName();
          if (engine == Engine.KYVERNO) {
            flags(resource, values.kyvernoFlags(), name.endsWith("admission-controller"));
          } else if (engine == Engine.GATEKEEPER && name.equals("gatekeeper-controller-manager")) {
            flags(resource, values.gatekeeperFlags(), true);
          }
        }
      }
      patched.add(object);
    }
    return patched;
  }

  /** Sets {@code flags} on the Deployment's containers: all of them if {@code addNew}, else only those it already has. */
  @SuppressWarnings("unchecked")
  private static void flags(GenericKubernetesResource deployment, List<String> flags, boolean addNew) {
    if (flags.isEmpty() || !(deployment.get("spec", "template", "spec", "containers") instanceof List<?> containers)) {
      return;
    }
    for (Object item : containers) {
      if (item instanceof Map<?, ?> container && container.get("args") instanceof List<?> args) {
        List<String> current = args.stream().map(String::valueOf).toList();
        List<String> wanted = addNew ? flags : flags.stream()
            .filter(flag -> current.stream().anyMatch(arg -> arg.startsWith(flag.substring(0, flag.indexOf('=') + 1))))
            .toList();
        ((Map<String, Object>) container).put("args", EngineValues.withFlags(current, wanted));
      }
    }
  }
}
