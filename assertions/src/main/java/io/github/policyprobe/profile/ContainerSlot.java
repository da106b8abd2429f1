package io.github.policyprobe.profile;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.github.policyprobe.probe.NeutralTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a container sits in a rendered pod: its name, and whether it is an init container (a
 * sidecar when its restartPolicy is Always) or a main one. A probe puts a requirement's field in a
 * container of the same name in the same place, so that a policy checking only
 * {@code spec.containers} judges the probe as it judges the chart.
 */
record ContainerSlot(String name, boolean init, String restartPolicy) {

  static ContainerSlot of(Container container, boolean init) {
    return new ContainerSlot(container.getName(), init, container.getRestartPolicy());
  }

  boolean sidecar() {
    return init && "Always".equals(restartPolicy);
  }

  /** Such as {@code init container mount-bpf-fs}. */
  String describe() {
    return (sidecar() ? "sidecar container " : init ? "init container " : "container ") + name;
  }

  /**
   * The probe's container in this slot: found by name, else the template's main container renamed
   * (for the first main container asked for), else a copy of it added in the right list.
   */
  Container in(Pod pod) {
    List<Container> mains = pod.getSpec().getContainers();
    List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
    for (Container container : concat(inits, mains)) {
      if (name.equals(container.getName())) {
        return container;
      }
    }
    Container neutral = mains.get(0);
    if (!init && mains.size() == 1 && NeutralTemplate.CONTAINER.equals(neutral.getName())) {
      neutral.setName(name);
      return neutral;
    }
    Container copy = new ContainerBuilder(neutral).withName(name).build();
    copy.setVolumeMounts(null);
    copy.setPorts(null);
    if (init) {
      copy.setRestartPolicy(restartPolicy);
      List<Container> more = new ArrayList<>(inits);
      more.add(copy);
      pod.getSpec().setInitContainers(more);
    } else {
      List<Container> more = new ArrayList<>(mains);
      more.add(copy);
      pod.getSpec().setContainers(more);
    }
    return copy;
  }

  private static List<Container> concat(List<Container> a, List<Container> b) {
    List<Container> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
