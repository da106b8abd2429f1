package io.github.policyprobe.samples;

import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;

/**
 * Scenario 5: the same hardening as Kyverno ClusterPolicies. Kyverno runs as a local process next
 * to the local control plane, or is installed from its release manifest on k3s.
 */
@PolicyCluster(manifests = "kyverno-id-ranges/", engines = Engine.KYVERNO, readyTimeoutSeconds = 180)
class KyvernoIdRangesTest extends IdRangeHardeningContract {
  @Override
  Engine engine() {
    return Engine.KYVERNO;
  }
}
