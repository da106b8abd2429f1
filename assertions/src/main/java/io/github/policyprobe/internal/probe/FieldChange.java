package io.github.policyprobe.internal.probe;

/**
 * A security setting that admission changed from what the probe asked for, judged on what the
 * container (or the pod) would actually run with.
 *
 * @param scope where: {@code pod}, {@code container probe} or {@code init container setup}
 * @param field the setting, such as {@code effective runAsUser} (container-level over pod-level)
 *     or {@code fsGroup}
 * @param requested what the probe would have run with
 * @param returned what the returned object would run with, or {@code (removed)}
 * @param cause which fields of the returned object made the difference, such as
 *     {@code container-level runAsUser added}; empty when it is the field itself
 */
public record FieldChange(String scope, String field, String requested, String returned, String cause) {

  public FieldChange {
    cause = cause == null ? "" : cause;
  }

  /** Such as {@code container probe: effective runAsUser 1000 -> 10001 (container-level runAsUser added)}. */
  @Override
  public String toString() {
    return scope + ": " + field + " " + requested + " -> " + returned
        + (cause.isEmpty() ? "" : " (" + cause + ")");
  }
}
