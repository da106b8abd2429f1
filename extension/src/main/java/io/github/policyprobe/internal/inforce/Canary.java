package io.github.policyprobe.internal.inforce;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.internal.wait.BoundedWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that an engine decides admission requests through the API server, with policies of the
 * engine's own kind: one denies a marked dry-run ConfigMap, one mutates another. Status fields say
 * what the engine believes; these two answers are what the API server actually does. The canary
 * policies are removed afterwards.
 */
abstract class Canary {
  private static final Logger LOG = LoggerFactory.getLogger(Canary.class);
  private static final String NAMESPACE = "default";

  protected final KubernetesClient client;
  protected final String id = "policyprobe-canary-" + UUID.randomUUID().toString().substring(0, 8);
  private final String engine;
  private final String denyLabel;
  private final String markLabel;
  private final String markAnnotation;
  private final List<GenericKubernetesResource> created = new ArrayList<>();

  /**
   * @param engine the engine, for messages
   * @param denyLabel the label whose value {@link #id} the deny policy rejects
   * @param markLabel the label whose value {@link #id} makes the mutate policy add annotation
   *     {@code markAnnotation}
   */
  Canary(KubernetesClient client, String engine, String denyLabel, String markLabel,
      String markAnnotation) {
    this.client = client;
    this.engine = engine;
    this.denyLabel = denyLabel;
    this.markLabel = markLabel;
    this.markAnnotation = markAnnotation;
  }

  /** The canary's policies, in creation order. */
  abstract List<GenericKubernetesResource> policies();

  /**
   * Creates the canary policies, waits until the engine reports them in force and then until the
   * API server returns both the denial and the mutation, and removes them again.
   *
   * @param engineAlive throws when the engine process has died, which ends the wait at once
   */
  public final void prove(Duration timeout, Runnable engineAlive) {
    long start = System.nanoTime();
    try {
      for (GenericKubernetesResource policy : policies()) {
        String what = policy.getKind() + " " + policy.getMetadata().getName();
        // A constraint's kind is served only once its template has been turned into a CRD.
        created.add(BoundedWait.until(timeout, "the API server to accept " + engine
            + "'s canary " + what, () -> KindOperations.of(client, policy).resource(policy).create()));
        BoundedWait.until(timeout, engine + " to report its canary " + policy.getKind() + " "
            + policy.getMetadata().getName() + " in force", () -> {
              engineAlive.run();
              return inForce(policy);
            });
      }
      long inForce = System.nanoTime();
      BoundedWait.until(timeout, engine + " to deny a dry-run ConfigMap labelled " + denyLabel
          + "=" + id + " (its canary policy)", () -> {
            engineAlive.run();
            return denied();
          });
      BoundedWait.until(timeout, engine + " to mutate a dry-run ConfigMap labelled " + markLabel
          + "=" + id + " (its canary mutation)", () -> {
            engineAlive.run();
            return mutated();
          });
      LOG.info("{} canary {}: reported in force after {} ms, denial and mutation seen after {} ms",
          engine, id, (inForce - start) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
    } finally {
      removeCreated();
    }
  }

  private boolean inForce(GenericKubernetesResource policy) throws BoundedWait.NotYet {
    GenericKubernetesResource live =
        KindOperations.of(client, policy).withName(policy.getMetadata().getName()).get();
    if (live == null) {
      throw new BoundedWait.NotYet("it does not exist");
    }
    Optional<String> pending = EngineObjectStatus.pending(live);
    if (pending.isPresent()) {
      throw new BoundedWait.NotYet(pending.get());
    }
    return true;
  }

  private boolean denied() throws BoundedWait.NotYet {
    try {
      dryRun(denyLabel, "deny");
      throw new BoundedWait.NotYet("the dry-run was admitted");
    } catch (KubernetesClientException e) {
      if (String.valueOf(e.getMessage()).contains(id)) {
        return true;
      }
      throw new BoundedWait.NotYet("the dry-run failed otherwise: " + e.getMessage());
    }
  }

  private boolean mutated() throws BoundedWait.NotYet {
    try {
      ConfigMap answer = dryRun(markLabel, "mark");
      var annotations = answer.getMetadata().getAnnotations();
      if (annotations != null && id.equals(annotations.get(markAnnotation))) {
        return true;
      }
      throw new BoundedWait.NotYet("the dry-run came back without annotation " + markAnnotation);
    } catch (KubernetesClientException e) {
      throw new BoundedWait.NotYet("the dry-run failed: " + e.getMessage());
    }
  }

  private ConfigMap dryRun(String label, String suffix) {
    return client.configMaps().inNamespace(NAMESPACE)
        .resource(new ConfigMapBuilder().withNewMetadata().withName(id + "-" + suffix)
            .addToLabels(label, id).endMetadata().build())
        .dryRun().create();
  }

  private void removeCreated() {
    for (int i = created.size() - 1; i >= 0; i--) {
      GenericKubernetesResource policy = created.get(i);
      try {
        KindOperations.of(client, policy).withName(policy.getMetadata().getName()).delete();
      } catch (KubernetesClientException | BoundedWait.NotYet e) {
        // the cluster is going away, or a template's removal already took its constraint along
      }
    }
    created.clear();
  }
}
