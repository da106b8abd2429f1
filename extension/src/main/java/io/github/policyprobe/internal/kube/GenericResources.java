package io.github.policyprobe.internal.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/**
 * Objects of any kind from nested maps: parsed manifests, sentinels, canaries, and what engines
 * need set up. One serializer for all of them (building one scans the class path).
 */
public final class GenericResources {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private GenericResources() {}

  /**
   * @throws IllegalArgumentException when the content is no Kubernetes object
   */
  public static GenericKubernetesResource of(Map<?, ?> content) {
    return SERIALIZATION.convertValue(content, GenericKubernetesResource.class);
  }
}
