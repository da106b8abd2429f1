package io.github.policyprobe.internal.inforce;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.internal.wait.BoundedWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, bounded, until the Kyverno policies and Gatekeeper objects a user applied are in force,
 * on any backend:
 *
 * <ul>
 *   <li>each one's status says its engine has taken it in (see {@link EngineObjectStatus}); a
 *       Gatekeeper constraint therefore only after its template's CRD exists;
 *   <li>then, if Kyverno policies were among them, a Kyverno canary policy is denied and mutated
 *       through the API server. Kyverno reports a policy Ready once it has written its webhook
 *       configuration, which the API server loads a moment later; the canary's webhook
 *       configuration is written after the user's, so its denial proves the user's are loaded.
 *       Gatekeeper's webhooks match every resource from the start, so there is nothing to load.
 * </ul>
 */
public final class EngineReadiness {
  private static final Logger LOG = LoggerFactory.getLogger(EngineReadiness.class);

  private final KubernetesClient client;
  private final Duration timeout;

  public EngineReadiness(KubernetesClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** Whether any of {@code applied} must be taken into force by Kyverno or Gatekeeper. */
  public static boolean concernsEngines(Collection<GenericKubernetesResource> applied) {
    return applied.stream().anyMatch(object -> EngineObjectStatus.ownerOf(object).isPresent());
  }

  /**
   * Returns once every Kyverno policy, Gatekeeper ConstraintTemplate, constraint and mutator in
   * {@code applied} is enforced; other objects are ignored.
   *
   * @throws PoliciesNotInForceException naming each object that never took effect and why, or
   *     the object the engine rejected
   */
  public void awaitInForce(Collection<GenericKubernetesResource> applied) {
    Map<GenericKubernetesResource, PinnedEngine> owned = new LinkedHashMap<>();
    for (GenericKubernetesResource object : applied) {
      EngineObjectStatus.ownerOf(object).ifPresent(owner -> owned.put(object, owner));
    }
    if (owned.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    try {
      BoundedWait.until(timeout, "these engine objects to be in force", () -> allInForce(owned.keySet()));
    } catch (BoundedWait.TimedOut e) {
      throw new PoliciesNotInForceException(notInForce(owned), e);
    } catch (EngineObjectStatus.Rejected e) {
      throw new PoliciesNotInForceException(e.getMessage(), e);
    }
    if (owned.containsValue(PinnedEngine.KYVERNO)) {
      try {
        new KyvernoCanary(client).prove(timeout, () -> {});
      } catch (BoundedWait.TimedOut e) {
        throw new PoliciesNotInForceException("Kyverno reports every policy Ready, but the API server"
            + " does not apply Kyverno's webhooks: " + e.getMessage(), e);
      } catch (KubernetesClientException e) {
        throw new PoliciesNotInForceException("Kyverno reports every policy Ready, but its canary"
            + " policy, which proves the API server applies them, could not be created: "
            + e.getMessage(), e);
      }
    }
    LOG.info("{} Kyverno/Gatekeeper objects in force ({} ms)", owned.size(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Returns once the engines owning any of {@code removed} (already deleted from the API) decide
   * with policies created after the deletions: each such engine's canary is denied and mutated,
   * so its policy cache has moved past the removed objects.
   */
  public void awaitRemoved(Collection<GenericKubernetesResource> removed) {
    java.util.Set<PinnedEngine> owners = new java.util.TreeSet<>();
    removed.forEach(object -> EngineObjectStatus.ownerOf(object).ifPresent(owners::add));
    long start = System.nanoTime();
    if (owners.contains(PinnedEngine.KYVERNO)) {
      new KyvernoCanary(client).prove(timeout, () -> {});
    }
    if (owners.contains(PinnedEngine.GATEKEEPER)) {
      new GatekeeperCanary(client).prove(timeout, () -> {});
    }
    LOG.info("removal of engine objects proven by {} canaries ({} ms)", owners.size(),
        (System.nanoTime() - start) / 1_000_000);
  }

  private boolean allInForce(Collection<GenericKubernetesResource> objects) throws BoundedWait.NotYet {
    for (GenericKubernetesResource object : objects) {
      Optional<String> pending = pendingReason(object);
      if (pending.isPresent()) {
        throw new BoundedWait.NotYet(describe(object) + ": " + pending.get());
      }
    }
    return true;
  }

  /** One line per object that is not in force, for the final message. */
  private String notInForce(Map<GenericKubernetesResource, PinnedEngine> owned) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<GenericKubernetesResource, PinnedEngine> entry : owned.entrySet()) {
      Optional<String> pending;
      try {
        pending = pendingReason(entry.getKey());
      } catch (RuntimeException e) {
        pending = Optional.of(e.getMessage());
      }
      pending.ifPresent(reason -> lines.add("  " + describe(entry.getKey()) + " ("
          + entry.getValue().engine().displayName() + "): " + reason));
    }
    return "gave up after " + timeout.toSeconds() + " s waiting for policies to take effect; not in"
        + " force:\n" + String.join("\n", lines)
        + "\nRaise @PolicyCluster(readyTimeoutSeconds) if the engine is merely slow.";
  }

  private Optional<String> pendingReason(GenericKubernetesResource object) {
    try {
      GenericKubernetesResource live =
          KindOperations.of(client, object).withName(object.getMetadata().getName()).get();
      if (live == null) {
        return Optional.of("it does not exist in the cluster");
      }
      return EngineObjectStatus.pending(live);
    } catch (BoundedWait.NotYet e) {
      return Optional.of(e.getMessage() + " (is "
          + EngineObjectStatus.ownerOf(object).orElseThrow().engine().displayName() + " installed?)");
    }
  }

  static String describe(GenericKubernetesResource object) {
    String namespace = object.getMetadata().getNamespace();
    return object.getKind() + " " + (namespace == null || !EngineObjectStatus.isNamespaced(object)
        ? "" : namespace + "/") + object.getMetadata().getName();
  }

  /** Some applied engine objects never took effect, or an engine rejected one. */
  public static final class PoliciesNotInForceException extends RuntimeException {
    PoliciesNotInForceException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
