package io.github.policyprobe.samples;

import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;

/** Scenario 3: the ID-range hardening as ValidatingAdmissionPolicies (CEL) with parameters. */
@PolicyCluster(manifests = "cel-id-ranges/")
class CelIdRangesTest extends IdRangeHardeningContract {
  @Override
  Engine engine() {
    return Engine.VALIDATING_ADMISSION_POLICY;
  }
}
