package io.github.policyprobe.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A product's own service accounts, roles and bindings, as its manifests render them for the
 * namespace they were rendered in: the RBAC an engine matching on {@code roles} or
 * {@code clusterRoles} reads for the product's service account.
 *
 * @param objects the rendered objects, as YAML maps
 * @param renderedNamespace the namespace they were rendered for ({@code helm template -n}); empty if none
 */
public record ProductRbac(List<Map<String, Object>> objects, String renderedNamespace) {
  /** No RBAC: a profile written by hand. */
  public static final ProductRbac NONE = new ProductRbac(List.of(), "");
  static final Set<String> KINDS = Set.of("ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

  public ProductRbac {
    objects = List.copyOf(objects);
    renderedNamespace = renderedNamespace == null ? "" : renderedNamespace;
  }

  public boolean isEmpty() {
    return objects.isEmpty();
  }

  /**
   * The objects for an install in {@code namespace}: namespaced ones moved there, and service
   * account subjects of the rendered namespace pointed there, as {@code helm template -n namespace}
   * would have rendered them.
   */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> installedIn(String namespace) {
    List<Map<String, Object>> placed = new ArrayList<>();
    for (Map<String, Object> object : objects) {
      Map<String, Object> copy = deepCopy(object);
      Map<String, Object> metadata = (Map<String, Object>) copy.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
      String kind = String.valueOf(copy.get("kind"));
      if (kind.equals("ServiceAccount") || kind.equals("Role") || kind.equals("RoleBinding")) {
        metadata.put("namespace", namespace);
      } else {
        metadata.remove("namespace");
      }
      if (copy.get("subjects") instanceof List<?> subjects) {
        for (Object subject : subjects) {
          if (subject instanceof Map<?, ?> s && "ServiceAccount".equals(s.get("kind"))
              && (s.get("namespace") == null || renderedNamespace.equals(s.get("namespace")))) {
            ((Map<String, Object>) s).put("namespace", namespace);
          }
        }
      }
      placed.add(copy);
    }
    return placed;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key, copyValue(value)));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      return deepCopy((Map<String, Object>) m);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(copyValue(item)));
      return copy;
    }
    return value;
  }
}
