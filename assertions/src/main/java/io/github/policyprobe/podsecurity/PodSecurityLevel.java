package io.github.policyprobe.podsecurity;

/** The Pod Security Standards levels that deny something. */
public enum PodSecurityLevel {
  BASELINE("baseline"),
  RESTRICTED("restricted");

  private final String label;

  PodSecurityLevel(String label) {
    this.label = label;
  }

  /** The level as PodSecurity labels write it: {@code baseline} or {@code restricted}. */
  public String label() {
    return label;
  }
}
