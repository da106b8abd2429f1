package io.github.policyprobe.profile;

/** What a namespace is to a product. */
public enum NamespaceRole {
  INSTALL("install namespace"),
  APPLICATION("application namespace"),
  /** A namespace checked on its own, such as one that must enforce a Pod Security level. */
  CHECKED("");

  private final String description;

  NamespaceRole(String description) {
    this.description = description;
  }

  public String describe() {
    return description;
  }
}
