package io.github.policyprobe.cluster;

/** Admission engines that run as webhooks and must be started next to the API server. */
public enum PolicyEngine {
  KYVERNO,
  GATEKEEPER
}
