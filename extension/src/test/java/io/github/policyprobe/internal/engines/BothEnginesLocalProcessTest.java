package io.github.policyprobe.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.support.Pods;
import io.github.policyprobe.support.ProcessTable;
import org.junit.jupiter.api.Test;

/** Kyverno and Gatekeeper side by side next to one control plane, as engines = {KYVERNO, GATEKEEPER}. */
class BothEnginesLocalProcessTest {

  @Test
  void bothStartProveTheirPoliciesAndDecideTogether() throws Exception {
    try (EngineTestCluster cluster = EngineTestCluster.start(Engine.GATEKEEPER, Engine.KYVERNO)) {
      assertThat(cluster.engines.engines()).extracting(RunningEngine::name)
          .containsExactly(PinnedEngine.KYVERNO.toString(), PinnedEngine.GATEKEEPER.toString());
      cluster.createNamespaces("shop", "shop-warn", "shop-mutate", "kasten-io");
      cluster.applyAndAwait("engines/kyverno/policies.yaml");
      cluster.applyAndAwait("engines/gatekeeper/policies.yaml");
      Pod pod = Pods.restrictedWithCapability("k10-probe", "DAC_OVERRIDE");

      assertThatThrownBy(() -> cluster.client.pods().inNamespace("shop").resource(pod).dryRun().create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
              .containsAnyOf("[k10-no-dac-override] container app must not add capability DAC_OVERRIDE",
                  "forbid-dac-override: Adding the DAC_OVERRIDE capability is not allowed."));
      assertThat(cluster.client.pods().inNamespace("kasten-io").resource(pod).dryRun().create()
          .getSpec().getContainers().get(0).getSecurityContext().getCapabilities().getAdd())
          .containsExactly("DAC_OVERRIDE");

      long totalKiB = 0;
      for (RunningEngine engine : cluster.engines.engines()) {
        assertThat(ProcessTable.listeningAddresses(engine.process().pid().orElseThrow()))
            .as("%s listeners", engine.name())
            .allSatisfy(address -> assertThat(address).startsWith("127.0.0.1:"));
        totalKiB += engine.residentMemoryKiB().orElseThrow();
      }
      System.out.printf("Kyverno + Gatekeeper resident memory after the tests: %d KiB%n", totalKiB);
      assertThat(cluster.engines.allAlive()).isTrue();
    }
  }
}
