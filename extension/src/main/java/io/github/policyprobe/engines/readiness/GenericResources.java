package io.github.policyprobe.engines.readiness;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;

/** Objects of any kind, written in code as nested maps: canaries, and what engines need set up. */
public final class GenericResources {
  private GenericResources() {}

  public static GenericKubernetesResource of(Map<String, Object> content) {
    return Serialization.jsonMapper().convertValue(content, GenericKubernetesResource.class);
  }
}
