package io.github.policyprobe.profile;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The requirements to check in one namespace.
 *
 * @param namespace the namespace
 * @param roles what it is to the product (a namespace may be both)
 * @param requirements the requirements that apply to it, in profile order
 */
public record NamespacePlan(String namespace, Set<NamespaceRole> roles, List<Requirement> requirements) {

  public NamespacePlan {
    roles = Set.copyOf(roles);
    requirements = List.copyOf(requirements);
  }

  /**
   * Such as {@code install namespace} or {@code install namespace, application namespace}; empty
   * for a namespace checked on its own.
   */
  public String describeRoles() {
    return roles.stream().sorted().map(NamespaceRole::describe).filter(d -> !d.isEmpty())
        .collect(Collectors.joining(", "));
  }
}
