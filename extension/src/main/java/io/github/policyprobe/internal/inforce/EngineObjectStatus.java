package io.github.policyprobe.internal.inforce;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads from an engine object's status whether the engine has taken it into force: pure
 * functions of the live object, each answering with what is still missing.
 *
 * <ul>
 *   <li>Kyverno ClusterPolicy and Policy: condition Ready=True, which Kyverno sets once the policy
 *       is in its webhook configuration.
 *   <li>Kyverno's CEL policies (policies.kyverno.io): {@code status.conditionStatus.ready}.
 *   <li>Gatekeeper ConstraintTemplate: {@code status.created} (its constraint CRD exists) and every
 *       pod's status of the current generation without errors.
 *   <li>Gatekeeper constraints and mutators: every pod reports {@code enforced: true} for the
 *       current generation.
 *   <li>Gatekeeper's Config (which namespaces each process skips): every pod reports the current
 *       generation without errors, which it does after it has replaced its namespace excluder.
 * </ul>
 */
public final class EngineObjectStatus {
  static final String KYVERNO_GROUP = "kyverno.io";
  static final String KYVERNO_CEL_GROUP = "policies.kyverno.io";
  static final String TEMPLATES_GROUP = "templates.gatekeeper.sh";
  static final String CONFIG_GROUP = "config.gatekeeper.sh";
  /** Gatekeeper's codes for a template whose content it cannot use: waiting will not help. */
  private static final Set<String> TEMPLATE_CONTENT_ERRORS = Set.of("ingest_error", "parse_error", "conversion_error");

  /** Which engine must take an object into force. */
  /** A permanent failure: the engine rejected the object, waiting longer will not help. */
  static final class Rejected extends RuntimeException {
    Rejected(String message) {
      super(message);
    }
  }

  private EngineObjectStatus() {}

  /** The engine that decides with this object, or empty for objects no engine must ingest. */
  static Optional<PinnedEngine> ownerOf(GenericKubernetesResource resource) {
    return PinnedEngine.owning(group(resource), resource.getKind());
  }

  /** Whether the object lives in a namespace (Kyverno's Policy and Namespaced* kinds). */
  static boolean isNamespaced(GenericKubernetesResource resource) {
    String kind = resource.getKind();
    return group(resource).equals(KYVERNO_GROUP) && kind.equals("Policy")
        || group(resource).equals(KYVERNO_CEL_GROUP) && kind.startsWith("Namespaced")
        || group(resource).equals(CONFIG_GROUP);
  }

  /**
   * What is still missing before the engine enforces {@code live}, or empty once it does.
   *
   * @throws Rejected when the engine reported an error that waiting cannot cure
   */
  public static Optional<String> pending(GenericKubernetesResource live) {
    String group = group(live);
    if (group.equals(KYVERNO_GROUP)) {
      return kyvernoPolicy(live);
    }
    if (group.equals(KYVERNO_CEL_GROUP)) {
      return kyvernoCelPolicy(live);
    }
    if (group.equals(TEMPLATES_GROUP)) {
      return constraintTemplate(live);
    }
    if (group.equals(CONFIG_GROUP)) {
      return currentGeneration(list(status(live).get("byPod")), generation(live), false);
    }
    return enforcedByEveryPod(live);
  }

  /** The error the engine reported for {@code live} that waiting cannot cure, if any. */
  public static Optional<String> rejection(GenericKubernetesResource live) {
    try {
      pending(live);
      return Optional.empty();
    } catch (Rejected e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Optional<String> kyvernoPolicy(GenericKubernetesResource live) {
    Optional<Map<String, Object>> ready = list(status(live).get("conditions")).stream()
        .filter(c -> "Ready".equals(c.get("type")))
        .findFirst();
    if (ready.isEmpty()) {
      return Optional.of("Kyverno has not set condition Ready yet");
    }
    if (!"True".equals(ready.get().get("status"))) {
      return Optional.of("condition Ready is " + ready.get().get("status") + " ("
          + ready.get().get("reason") + ": " + ready.get().get("message") + ")");
    }
    return Optional.empty();
  }

  private static Optional<String> kyvernoCelPolicy(GenericKubernetesResource live) {
    Map<String, Object> conditionStatus = map(status(live).get("conditionStatus"));
    if (Boolean.TRUE.equals(conditionStatus.get("ready"))) {
      return Optional.empty();
    }
    List<String> failing = new ArrayList<>();
    for (Map<String, Object> condition : list(conditionStatus.get("conditions"))) {
      if (!"True".equals(condition.get("status"))) {
        failing.add(condition.get("type") + ": " + condition.get("message"));
      }
    }
    return Optional.of("status.conditionStatus.ready is " + conditionStatus.get("ready")
        + (failing.isEmpty() ? "" : " (" + String.join("; ", failing) + ")"));
  }

  private static Optional<String> constraintTemplate(GenericKubernetesResource live) {
    Map<String, Object> status = status(live);
    List<Map<String, Object>> byPod = list(status.get("byPod"));
    long generation = generation(live);
    for (Map<String, Object> pod : byPod) {
      List<Map<String, Object>> errors = list(pod.get("errors"));
      if (errors.isEmpty() || observedGeneration(pod) < generation) {
        continue;
      }
      if (errors.stream().anyMatch(error -> TEMPLATE_CONTENT_ERRORS.contains(error.get("code")))) {
        throw new Rejected("Gatekeeper rejected ConstraintTemplate " + live.getMetadata().getName()
            + " (pod " + pod.get("id") + "): " + describeErrors(errors));
      }
      // create_error, update_error: a call to the API server failed (a CRD another reconcile
      // created a moment earlier, say); Gatekeeper retries it, so it is one more reason to wait.
      return Optional.of("Gatekeeper retries after " + describeErrors(errors) + " (pod " + pod.get("id") + ")");
    }
    if (!Boolean.TRUE.equals(status.get("created"))) {
      return Optional.of("status.created is not true yet (" + byPod.size()
          + " pods reported): no Gatekeeper pod has created its constraint CRD without errors");
    }
    return currentGeneration(byPod, generation, false);
  }

  private static Optional<String> enforcedByEveryPod(GenericKubernetesResource live) {
    List<Map<String, Object>> byPod = list(status(live).get("byPod"));
    return currentGeneration(byPod, generation(live), true);
  }

  private static Optional<String> currentGeneration(
      List<Map<String, Object>> byPod, long generation, boolean mustBeEnforced) {
    if (byPod.isEmpty()) {
      return Optional.of("no Gatekeeper pod has reported status.byPod yet");
    }
    for (Map<String, Object> pod : byPod) {
      String id = String.valueOf(pod.get("id"));
      if (observedGeneration(pod) < generation) {
        return Optional.of("pod " + id + " has seen generation " + observedGeneration(pod)
            + ", not " + generation);
      }
      List<Map<String, Object>> errors = list(pod.get("errors"));
      if (!errors.isEmpty()) {
        return Optional.of("pod " + id + " reports errors: " + describeErrors(errors));
      }
      if (mustBeEnforced && !Boolean.TRUE.equals(pod.get("enforced"))) {
        return Optional.of("pod " + id + " does not enforce it yet (enforced: " + pod.get("enforced") + ")");
      }
    }
    return Optional.empty();
  }

  private static String describeErrors(List<Map<String, Object>> errors) {
    List<String> parts = new ArrayList<>();
    for (Map<String, Object> error : errors) {
      parts.add(Objects.toString(error.get("code"), "error") + ": " + error.get("message"));
    }
    return String.join("; ", parts);
  }

  static String group(GenericKubernetesResource resource) {
    String apiVersion = Objects.requireNonNullElse(resource.getApiVersion(), "");
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  private static long generation(GenericKubernetesResource live) {
    return Objects.requireNonNullElse(live.getMetadata().getGeneration(), 0L);
  }

  private static long observedGeneration(Map<String, Object> pod) {
    return pod.get("observedGeneration") instanceof Number n ? n.longValue() : 0L;
  }

  private static Map<String, Object> status(GenericKubernetesResource live) {
    return map(live.getAdditionalProperties().get("status"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    if (!(value instanceof List<?> items)) {
      return List.of();
    }
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Map<?, ?> m) {
        maps.add((Map<String, Object>) m);
      }
    }
    return maps;
  }
}
