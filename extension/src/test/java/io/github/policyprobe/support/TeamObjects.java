package io.github.policyprobe.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * Objects as the team's policies left them: without policyprobe's own namespace-epoch sentinels,
 * which stay for a cluster's life and carry {@code app.kubernetes.io/managed-by=policyprobe}.
 */
public final class TeamObjects {
  private TeamObjects() {}

  public static <T extends HasMetadata> List<T> of(List<T> objects) {
    return objects.stream().filter(o -> !policyprobes(o)).toList();
  }

  public static boolean policyprobes(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels != null && "policyprobe".equals(labels.get("app.kubernetes.io/managed-by"));
  }
}
