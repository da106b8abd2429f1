package io.github.policyprobe.profile;

/** Which of a product's namespaces a requirement applies to. */
public enum Placement {
  /** Only where the product itself runs. */
  INSTALL_NAMESPACE,
  /** Only in the namespaces it works on (for K10: the applications it protects). */
  APPLICATION_NAMESPACES,
  /** Both. */
  ALL_NAMESPACES;

  public boolean appliesTo(NamespaceRole role) {
    return switch (this) {
      case INSTALL_NAMESPACE -> role == NamespaceRole.INSTALL;
      case APPLICATION_NAMESPACES -> role == NamespaceRole.APPLICATION;
      case ALL_NAMESPACES -> true;
    };
  }

  /** How failure messages and reports say it. */
  public String describe() {
    return switch (this) {
      case INSTALL_NAMESPACE -> "install namespace";
      case APPLICATION_NAMESPACES -> "application namespaces";
      case ALL_NAMESPACES -> "install and application namespaces";
    };
  }
}
