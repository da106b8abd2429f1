package io.github.policyprobe.internal.objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.stream.Stream;

/** A Pod's containers as admission sees them: init containers first, then the others. */
public final class PodContainers {
  private PodContainers() {}

  public static List<Container> of(Pod pod) {
    return Stream.concat(
            pod.getSpec().getInitContainers() == null ? Stream.empty() : pod.getSpec().getInitContainers().stream(),
            pod.getSpec().getContainers().stream())
        .toList();
  }
}
