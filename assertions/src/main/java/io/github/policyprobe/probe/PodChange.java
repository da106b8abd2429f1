package io.github.policyprobe.probe;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * One change made to a freshly rendered probe Pod, such as adding a capability. The Pod is the
 * probe's own copy, so a change edits it in place.
 */
@FunctionalInterface
public interface PodChange {

  void applyTo(Pod pod);

  /** No change: the neutral template as it is. */
  static PodChange none() {
    return pod -> {};
  }

  /** This change, then {@code next}. */
  default PodChange andThen(PodChange next) {
    return pod -> {
      applyTo(pod);
      next.applyTo(pod);
    };
  }
}
