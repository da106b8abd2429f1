package io.github.policyprobe.internal.probe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.policyprobe.probe.Identity;
import io.github.policyprobe.probe.Operation;
import java.util.Objects;

/**
 * One object to send: a server-side dry-run create, or another {@link Operation} on it.
 *
 * @param requirementId the requirement (or Pod Security control) it checks
 * @param variant which of the requirement's values it checks; empty for the only one
 * @param subject what it is, for messages: {@code Pod}, {@code Deployment}, ...
 * @param namespace where it is sent
 * @param object the object itself (for operations on a running Pod, that Pod); its namespace is
 *     set when sent
 * @param sender who sends it: the request's userInfo as admission sees it
 * @param operation how it reaches admission
 */
public record Probe(String requirementId, String variant, String subject, String namespace, HasMetadata object,
    Identity sender, Operation operation) {

  public Probe {
    Objects.requireNonNull(requirementId, "requirementId");
    variant = variant == null ? "" : variant;
    subject = subject == null ? object.getKind() : subject;
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(operation, "operation");
  }

  /** A dry-run create sent by the cluster admin. */
  public Probe(String requirementId, String variant, String subject, String namespace, HasMetadata object) {
    this(requirementId, variant, subject, namespace, object, Identity.ADMIN, new Operation.Create());
  }

  /**
   * The subject with its variant, the operation unless a create, and the sender unless the
   * admin: {@code Pod of the Deployment's template (fsGroup 2000), as system:serviceaccount:kube-system:replicaset-controller}.
   */
  public String describe() {
    String what = variant.isEmpty() ? subject : subject + " (" + variant + ")";
    if (operation.needsRunningPod()) {
      what = operation.describe() + " on a " + what;
    } else if (!(operation instanceof Operation.Create)) {
      what = operation.describe();
    }
    return sender.impersonated() ? what + ", as " + sender.username() : what;
  }
}
