package io.github.policyprobe.probe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * One object to send as a server-side dry-run create.
 *
 * @param requirementId the requirement (or Pod Security control) it checks
 * @param variant which of the requirement's values it checks; empty for the only one
 * @param subject what it is, for messages: {@code Pod}, {@code Deployment}, ...
 * @param namespace where it is sent
 * @param object the object itself; its namespace is set when sent
 */
public record Probe(
    String requirementId, String variant, String subject, String namespace, HasMetadata object) {

  public Probe {
    Objects.requireNonNull(requirementId, "requirementId");
    variant = variant == null ? "" : variant;
    subject = subject == null ? object.getKind() : subject;
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(object, "object");
  }

  /** The subject with its variant, such as {@code Pod (fsGroup 2000)}. */
  public String describe() {
    return variant.isEmpty() ? subject : subject + " (" + variant + ")";
  }
}
