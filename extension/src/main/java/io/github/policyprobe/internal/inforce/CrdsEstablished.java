package io.github.policyprobe.internal.inforce;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.policyprobe.internal.wait.BoundedWait;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Whether CustomResourceDefinitions are Established, that is their kinds served: what every CRD
 * an engine or a user brings must be before objects of its kinds can be created.
 */
public final class CrdsEstablished {
  private CrdsEstablished() {}

  /** A check that returns once every CRD in {@code names} is Established, else says which are not and why. */
  public static BoundedWait.Check<Boolean> check(KubernetesClient client, Collection<String> names) {
    return () -> {
      List<String> pending = new ArrayList<>();
      for (String name : names) {
        notEstablished(client, name).ifPresent(reason -> pending.add(name + " (" + reason + ")"));
      }
      if (!pending.isEmpty()) {
        throw new BoundedWait.NotYet("not Established: " + String.join(", ", pending));
      }
      return true;
    };
  }

  private static Optional<String> notEstablished(KubernetesClient client, String name) {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    if (crd == null) {
      return Optional.of("it does not exist");
    }
    List<CustomResourceDefinitionCondition> conditions =
        crd.getStatus() == null || crd.getStatus().getConditions() == null
            ? List.of() : crd.getStatus().getConditions();
    if (conditions.stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()))) {
      return Optional.empty();
    }
    // A name conflict, for one, shows here and never passes by waiting.
    return Optional.of(conditions.stream().filter(c -> "False".equals(c.getStatus())).findFirst()
        .map(c -> "its status says " + c.getType() + "=False (" + c.getReason() + ": " + c.getMessage() + ")")
        .orElse("no condition Established=True yet"));
  }
}
