package io.github.policyprobe.assertions;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.PodChanges;
import io.github.policyprobe.support.TestObjects;
import org.junit.jupiter.api.Test;

/**
 * Verdicts decided by a real Gatekeeper 3.23 running beside the local control plane: a denial
 * attributed to its constraint, the K10 exception, a warn-mode constraint's warning.
 */
@PolicyCluster(backend = Backend.LOCAL, engines = Engine.GATEKEEPER,
    manifests = "policies/engines/gatekeeper/", readyTimeoutSeconds = 180)
class GatekeeperVerdictsTest {

  @Test
  void aDenialNamesTheConstraint(Cluster cluster) {
    assertThat(cluster).denies(TestObjects.pod("dac", PodChanges.addCapabilities("DAC_OVERRIDE"))).in("shop")
        .by(Engine.GATEKEEPER, "k10-no-dac-override")
        .withMessageContaining("must not add capability DAC_OVERRIDE");
  }

  @Test
  void theK10ExceptionAdmitsK10AndThePolicingCheckSeesNothingElseWatchesKastenIo(Cluster cluster) {
    assertThat(cluster).permitsK10In("kasten-io");
    // These policies watch single capabilities only, so nothing polices kasten-io as a whole:
    // reported, and a failure when policed namespaces are required.
    assertThatThrownBy(() -> assertThat(cluster).requiringPolicedNamespaces().permitsK10In("kasten-io"))
        .hasMessageContaining("nothing polices kasten-io")
        .hasMessageContaining("why: Gatekeeper K10ForbiddenCapabilities 'k10-no-dac-override' excludes kasten-io"
            + " (excludedNamespaces [kasten-io])")
        .hasMessageContaining("why: Gatekeeper K10ForbiddenCapabilities 'k10-warn-fowner' matches namespaces [shop-warn] only");
  }

  @Test
  void aWarnConstraintWarnsInsteadOfDenying(Cluster cluster) {
    assertThat(cluster)
        .admits(TestObjects.pod("fowner", PodChanges.addCapabilities("FOWNER"))).in("shop-warn")
        .withWarningContaining("FOWNER");
  }

  /**
   * Gatekeeper registers its webhooks with failurePolicy Ignore: when it stops answering (here it
   * is frozen with SIGSTOP), every probe is admitted without it, and the assertion must say so.
   */
  @Test
  void gatekeeperThatStopsAnsweringMidRunFailsTheAssertionNamingItsWebhook(Cluster cluster) throws Exception {
    long pid = RunningCluster.of(cluster).processes().get("gatekeeper").pid();
    signal("STOP", pid);
    try {
      assertThatThrownBy(() -> assertThat(cluster).permitsK10In("kasten-io"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("validating webhook \"validation.gatekeeper.sh\" failed open")
          .hasMessageContaining("timeout: the webhook's server did not answer within the webhook's timeoutSeconds");
    } finally {
      signal("CONT", pid);
    }
    awaitGatekeeperDenies(cluster); // a process thawed after a freeze works off its backlog first
    assertThat(cluster).permitsK10In("kasten-io"); // answering again: nothing fails open
  }

  private static void awaitGatekeeperDenies(Cluster cluster) throws InterruptedException {
    var pod = TestObjects.pod("thawed", PodChanges.addCapabilities("DAC_OVERRIDE"));
    for (int i = 0; i < 120; i++) {
      try {
        cluster.client().pods().inNamespace("shop").resource(pod).dryRun().create();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException denied) {
        if (String.valueOf(denied.getMessage()).contains("validation.gatekeeper.sh")) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Gatekeeper did not deny again within a minute of SIGCONT");
  }

  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    org.assertj.core.api.Assertions.assertThat(kill.waitFor()).isZero();
  }
}
