package io.github.policyprobe.support;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** Pods for extension tests: one that meets restricted, and the same with one capability added. */
public final class Pods {
  private Pods() {}

  public static Pod restrictedWithCapability(String name, String capability) {
    PodBuilder builder = new PodBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec()
          .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
          .endSecurityContext()
          .addNewContainer().withName("app").withImage("registry.k8s.io/pause:3.10")
            .withNewSecurityContext().withAllowPrivilegeEscalation(false)
              .withNewCapabilities().withDrop("ALL").endCapabilities()
            .endSecurityContext()
          .endContainer()
        .endSpec();
    Pod pod = builder.build();
    if (capability != null) {
      pod.getSpec().getContainers().get(0).getSecurityContext().getCapabilities().getAdd().add(capability);
    }
    return pod;
  }
}
