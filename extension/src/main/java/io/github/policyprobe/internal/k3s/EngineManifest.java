package io.github.policyprobe.internal.k3s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.cluster.ClusterStartException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * An engine's install manifest as objects, in an order that always applies: Namespaces, then CRDs,
 * then everything else as the manifest lists it, webhook configurations last (a webhook registered
 * before its Service has endpoints would reject the objects that follow it).
 */
final class EngineManifest {
  /** Kyverno's install.yaml is several megabytes; SnakeYAML's default stops at 3 MB. */
  private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;
  private static final Set<String> WEBHOOK_KINDS =
      Set.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

  private EngineManifest() {}

  /** Parses a multi-document manifest; {@code source} names it in errors. */
  static List<HasMetadata> parse(String yaml, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setMaxAliasesForCollections(Integer.MAX_VALUE);
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<HasMetadata> objects = new ArrayList<>();
    int index = 0;
    try {
      for (Object document : new Yaml(new SafeConstructor(options)).loadAll(yaml)) {
        if (document instanceof Map<?, ?> map && !map.isEmpty()) {
          objects.add(toObject(serialization, map, source, index));
        }
        index++;
      }
    } catch (RuntimeException e) {
      if (e instanceof ClusterStartException) {
        throw e;
      }
      throw new ClusterStartException(source + ": document " + index + " is not valid YAML: " + e.getMessage(), e);
    }
    if (objects.isEmpty()) {
      throw new ClusterStartException(source + " holds no Kubernetes objects");
    }
    return objects;
  }

  /** The objects to apply, in apply order; Helm hooks (never meant to run at install) dropped. */
  static List<HasMetadata> inApplyOrder(List<HasMetadata> objects) {
    return objects.stream()
        .filter(object -> !isHelmHook(object))
        .sorted(Comparator.comparingInt(EngineManifest::phase))
        .toList();
  }

  static boolean isCrd(HasMetadata object) {
    return "CustomResourceDefinition".equals(object.getKind());
  }

  private static int phase(HasMetadata object) {
    String kind = object.getKind();
    if ("Namespace".equals(kind)) {
      return 0;
    }
    if (isCrd(object)) {
      return 1;
    }
    return WEBHOOK_KINDS.contains(kind) ? 3 : 2;
  }

  private static boolean isHelmHook(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey("helm.sh/hook");
  }

  private static HasMetadata toObject(
      KubernetesSerialization serialization, Map<?, ?> document, String source, int index) {
    Object kind = document.get("kind");
    Object apiVersion = document.get("apiVersion");
    if (kind == null || apiVersion == null) {
      throw new ClusterStartException(source + ": document " + index + " has no apiVersion/kind");
    }
    // Generic, not typed: the objects go to the server exactly as the engine's authors wrote them.
    GenericKubernetesResource object = serialization.convertValue(document, GenericKubernetesResource.class);
    if (object.getMetadata() == null || object.getMetadata().getName() == null) {
      throw new ClusterStartException(source + ": document " + index + " (" + apiVersion + " " + kind
          + ") has no metadata.name");
    }
    return object;
  }
}
