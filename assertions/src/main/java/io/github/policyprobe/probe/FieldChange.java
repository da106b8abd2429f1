package io.github.policyprobe.probe;

/**
 * A security field that came back from admission different from what the probe asked for.
 *
 * @param field the field's path, such as {@code spec.securityContext.runAsUser}
 * @param requested what the probe sent
 * @param returned what the API server returned, or {@code (removed)}
 */
public record FieldChange(String field, String requested, String returned) {

  @Override
  public String toString() {
    return field + ": " + requested + " -> " + returned;
  }
}
