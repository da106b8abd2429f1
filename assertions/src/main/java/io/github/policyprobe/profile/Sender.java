package io.github.policyprobe.profile;

import io.github.policyprobe.probe.Identity;
import java.util.Objects;

/**
 * Who creates a requirement's objects in a real install: the installer (helm, a GitOps
 * controller: the cluster admin here), or the product itself, as its service account in the
 * namespace it is installed in (K10 creates its restore-data pods; Velero runs backup hooks by
 * exec). The Pods of a controller are always sent as the controller that creates them.
 */
public final class Sender {
  private static final Sender INSTALLER = new Sender(Identity.ADMIN, "");

  private final Identity identity;
  private final String productServiceAccount;

  private Sender(Identity identity, String productServiceAccount) {
    this.identity = identity;
    this.productServiceAccount = productServiceAccount;
  }

  /** The installer: the cluster admin (the default). */
  public static Sender installer() {
    return INSTALLER;
  }

  /** The product's service account {@code name} in whatever namespace it is installed in. */
  public static Sender productServiceAccount(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A product's service account needs a name");
    }
    return new Sender(null, name);
  }

  /** A fixed identity. */
  public static Sender identity(Identity identity) {
    return new Sender(Objects.requireNonNull(identity, "identity"), "");
  }

  /** The identity probes go out as, for a product installed in {@code installNamespace}. */
  public Identity resolve(String installNamespace) {
    if (identity != null) {
      return identity;
    }
    if (installNamespace == null || installNamespace.isBlank()) {
      throw new IllegalStateException("The service account " + productServiceAccount
          + " lives in the product's install namespace, which is not known yet: call installedIn(namespace)");
    }
    return Identity.serviceAccount(installNamespace, productServiceAccount);
  }

  /** Such as {@code the product's service account k10-k10} or {@code the cluster admin}. */
  public String describe() {
    return identity != null ? identity.describe() : "the product's service account " + productServiceAccount;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sender that && Objects.equals(identity, that.identity)
        && productServiceAccount.equals(that.productServiceAccount);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identity, productServiceAccount);
  }

  @Override
  public String toString() {
    return "Sender[" + describe() + "]";
  }
}
