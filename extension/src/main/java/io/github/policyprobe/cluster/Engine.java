package io.github.policyprobe.cluster;

/**
 * The admission engines policyprobe knows: the ones that decide a probe (read from the API
 * server's answers), and among them the two that run as webhooks beside the API server and are
 * started with a cluster ({@code @PolicyCluster(engines = ...)}: {@link #KYVERNO} and
 * {@link #GATEKEEPER}). One enum for both, so a test names an engine the same way when it starts
 * it and when it asserts what it decided.
 */
public enum Engine {
  POD_SECURITY("PodSecurity"),
  VALIDATING_ADMISSION_POLICY("ValidatingAdmissionPolicy"),
  MUTATING_ADMISSION_POLICY("MutatingAdmissionPolicy"),
  KYVERNO("Kyverno"),
  GATEKEEPER("Gatekeeper"),
  OPENSHIFT_SCC("OpenShift SCC"),
  /** An admission webhook that is none of the above; the policy is the webhook's name. */
  WEBHOOK("admission webhook"),
  /** The API server itself: object validation, a missing namespace, authorization. */
  API_SERVER("API server"),
  /** Nothing in the response names an engine. */
  UNKNOWN("unknown engine");

  private final String displayName;

  Engine(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }

  /** Whether a cluster can start it ({@code @PolicyCluster(engines = ...)}): Kyverno and Gatekeeper. */
  public boolean startable() {
    return this == KYVERNO || this == GATEKEEPER;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
