package io.github.policyprobe.probe;

/** The admission engine that decided a probe, as read from the API server's words. */
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

  @Override
  public String toString() {
    return displayName;
  }
}
