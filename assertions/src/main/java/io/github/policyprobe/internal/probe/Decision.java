package io.github.policyprobe.internal.probe;

/** What the API server did with a dry-run probe. */
public enum Decision {
  /** Admitted as sent, without warnings. */
  ADMITTED("ok"),
  /** Refused by a policy or by the API server's own validation. */
  DENIED("DENIED"),
  /** Admitted, but a security field the probe asked for came back changed or removed. */
  MUTATED("MUTATED"),
  /** Admitted with warnings: a policy in warn or audit mode would deny it if enforced. */
  WARNED("WARNED"),
  /** No decision was made (webhook unreachable, timeout, missing namespace): never a pass. */
  ERROR("ERROR");

  private final String mark;

  Decision(String mark) {
    this.mark = mark;
  }

  /** A short status mark for failure messages, such as {@code [DENIED]}. */
  public String mark() {
    return "[" + mark + "]";
  }

  /** Whether the object was created (in dry-run): admitted, mutated or warned. */
  public boolean wasAdmitted() {
    return this == ADMITTED || this == MUTATED || this == WARNED;
  }
}
