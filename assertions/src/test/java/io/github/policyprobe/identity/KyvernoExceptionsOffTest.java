package io.github.policyprobe.identity;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static io.github.policyprobe.probe.PodChanges.addCapabilities;
import static io.github.policyprobe.support.TestObjects.pod;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import org.junit.jupiter.api.Test;

/**
 * The policies of {@link KyvernoExceptionsOnTest} on a Kyverno installed with the chart's
 * defaults: the PolicyException is ignored, and the denial says so.
 */
@PolicyCluster(backend = Backend.LOCAL, engines = Engine.KYVERNO, manifests = "policies/kyverno-exceptions/",
    readyTimeoutSeconds = 180)
class KyvernoExceptionsOffTest {

  @Test
  void theIgnoredExceptionIsNamedInTheDenial(Cluster cluster) {
    assertThat(cluster).denies(pod("dac", addCapabilities("DAC_OVERRIDE"))).in("kasten-io")
        .by(Engine.KYVERNO, "no-dac-override")
        .withMessageContaining("Kyverno ignores PolicyException kasten-io/k10-may-override: policy exceptions are off"
            + " in this install (features.policyExceptions.enabled is false by default");
  }
}
