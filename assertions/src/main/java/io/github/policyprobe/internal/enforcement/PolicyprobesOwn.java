package io.github.policyprobe.internal.enforcement;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;

/**
 * Tells policyprobe's own admission objects (the extension's namespace-epoch sentinels, labelled
 * so) from the team's policies.
 */
final class PolicyprobesOwn {
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private PolicyprobesOwn() {}

  static boolean is(ObjectMeta metadata) {
    Map<String, String> labels = metadata == null ? null : metadata.getLabels();
    return labels != null && "policyprobe".equals(labels.get(MANAGED_BY));
  }
}
