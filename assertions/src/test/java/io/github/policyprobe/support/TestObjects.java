package io.github.policyprobe.support;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.PodChange;

/** Objects for tests: the neutral template with one change, as a Pod or a Deployment. */
public final class TestObjects {
  private TestObjects() {}

  public static Pod pod(String id, PodChange change) {
    Pod pod = NeutralTemplate.restricted().pod(id);
    change.applyTo(pod);
    return pod;
  }

  public static Deployment deployment(String id, PodChange change) {
    return NeutralTemplate.restricted().deployment(pod(id, change));
  }
}
