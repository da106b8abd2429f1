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
 * Kyverno installed with the team's values (features.policyExceptions.enabled: true) honours the
 * PolicyException for kasten-io, and only there; {@link KyvernoExceptionsOffTest} is the same
 * policies on a default install.
 */
@PolicyCluster(backend = Backend.LOCAL, engines = Engine.KYVERNO, manifests = "policies/kyverno-exceptions/",
    kyvernoValues = "engine-values/kyverno-exceptions-on.yaml", readyTimeoutSeconds = 180)
class KyvernoExceptionsOnTest {

  @Test
  void theExceptionAdmitsK10InItsNamespaceOnly(Cluster cluster) {
    assertThat(cluster).admits(pod("dac", addCapabilities("DAC_OVERRIDE"))).in("kasten-io");
    assertThat(cluster).denies(pod("dac", addCapabilities("DAC_OVERRIDE"))).in("shop")
        .by(Engine.KYVERNO, "no-dac-override").withMessageContaining("DAC_OVERRIDE is not allowed");
  }
}
