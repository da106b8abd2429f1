package io.github.policyprobe.samples;

import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;

/**
 * Scenario 5: the same hardening as Gatekeeper ConstraintTemplates and constraints. Gatekeeper
 * runs as a local process next to the local control plane, or is installed from its release
 * manifest on k3s.
 */
@PolicyCluster(manifests = "gatekeeper-id-ranges/", engines = Engine.GATEKEEPER, readyTimeoutSeconds = 180)
class GatekeeperIdRangesTest extends IdRangeHardeningContract {
  @Override
  Engine engine() {
    return Engine.GATEKEEPER;
  }
}
