package io.github.policyprobe.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.PodChanges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attribution of messages that real Kyverno 1.19 and Gatekeeper 3.23 sent. The extension module's
 * engine tests capture them (and check them against the live engines) under
 * extension/src/test/resources/engines/; they are read from there so there is one copy.
 */
class EngineMessagesTest {
  private static final Path ENGINES = Path.of("../extension/src/test/resources/engines");

  private static String message(String name) {
    Path file = ENGINES.resolve(name);
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("captured engine message " + file.toAbsolutePath() + " is missing", e);
    }
  }

  @Test
  void kyvernoDenialOfAPod() {
    assertThat(DenialParser.parse(message("kyverno/deny-pod.txt"))).isEqualTo(new Attribution(
        Engine.KYVERNO, "k10-no-dac-override", "forbid-dac-override",
        "Adding the DAC_OVERRIDE capability is not allowed."));
  }

  @Test
  void kyvernoDenialOfADeploymentNamesTheAutogenRule() {
    Attribution a = DenialParser.parse(message("kyverno/deny-deployment.txt"));
    assertThat(a.policy()).isEqualTo("k10-no-dac-override");
    assertThat(a.rule()).isEqualTo("autogen-forbid-dac-override");
  }

  @Test
  void kyvernoCelValidatingPolicy() {
    assertThat(DenialParser.parse(message("kyverno/deny-pod-validatingpolicy.txt"))).isEqualTo(new Attribution(
        Engine.KYVERNO, "k10-no-chown", "", "Adding the CHOWN capability is not allowed."));
  }

  @Test
  void kyvernoAuditWarning() {
    assertThat(DenialParser.parse(message("kyverno/warning-pod.txt"))).isEqualTo(new Attribution(
        Engine.KYVERNO, "k10-warn-fowner", "warn-fowner", "Adding the FOWNER capability is discouraged."));
  }

  @Test
  void kyvernosMutationWarningNamesTheMutatorAndIsNoPolicyWarning() {
    KubernetesSerialization json = new KubernetesSerialization();
    Pod requested = NeutralTemplate.restricted().pod("k10");
    PodChanges.fsGroup(1000).applyTo(requested);
    Pod returned = json.clone(requested);
    returned.getSpec().getSecurityContext().setFsGroup(2000L);
    String header = "299 - \"" + message("kyverno/mutation-warning-pod.txt") + "\"";
    Probe probe = new Probe("fsgroup-1000", "", "Pod", "shop-mutate", requested);

    Verdict mutated = new ResponseInterpreter(json).interpret(probe, 201, json.asJson(returned), List.of(header));
    assertThat(mutated.decision()).isEqualTo(Decision.MUTATED);
    assertThat(mutated.mutatorName()).isEqualTo("Kyverno 'k10-force-fsgroup' (rule set-fsgroup-2000)");

    Verdict unchanged = new ResponseInterpreter(json).interpret(probe, 201, json.asJson(requested), List.of(header));
    assertThat(unchanged.decision()).isEqualTo(Decision.ADMITTED);
    assertThat(unchanged.warnings()).hasSize(1);
  }

  @Test
  void gatekeeperDenialAndWarnModeWarning() {
    assertThat(DenialParser.parse(message("gatekeeper/deny-pod.txt"))).isEqualTo(new Attribution(
        Engine.GATEKEEPER, "k10-no-dac-override", "", "container app must not add capability DAC_OVERRIDE"));
    assertThat(DenialParser.parse(message("gatekeeper/warning-pod.txt"))).isEqualTo(new Attribution(
        Engine.GATEKEEPER, "k10-warn-fowner", "", "container app must not add capability FOWNER"));
  }
}
