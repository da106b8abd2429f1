package io.github.policyprobe.internal.baseline;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.local.LocalControlPlane;
import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.ProbeRendering;
import io.github.policyprobe.internal.probe.ProbeRunner;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.Identity;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.PodChanges;
import io.github.policyprobe.probe.ProbeVariant;
import io.github.policyprobe.support.SystemProperties;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventType;

/**
 * A class whose policies change between runs: the first run writes its baseline, the second fails
 * with the diff although its assertion passes, -Dpolicyprobe.updateBaselines=true accepts the
 * change, and the run after that passes. The suite runs against a local control plane the test
 * changes between runs (as an existing cluster, so that every run sees the same one).
 */
class BaselinesTest {
  private static final String UID_FLOOR_WARN = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: uid-floor}
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
            - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
        validations:
          - expression: "!has(object.spec.securityContext.runAsUser) || object.spec.securityContext.runAsUser >= 10000"
            message: pods must run as a UID of 10000 or more
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: uid-floor-warn}
      spec:
        policyName: uid-floor
        validationActions: [Warn]
      """;

  @Test
  void aPolicyChangeFailsTheClassWithItsDiffUntilAccepted(@TempDir Path dir) throws Exception {
    try (var running = new LocalControlPlane().start(ClusterSpec.defaults().withBackend(Backend.LOCAL));
        KubernetesClient admin = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(running.kubeconfigYaml())).build()) {
      admin.resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).serverSideApply();
      Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), running.kubeconfigYaml());
      Path baseline = dir.resolve("baselines").resolve(Suite.class.getName() + ".verdicts.json");
      // an existing cluster gets no grants, and K10's service account has no RBAC here: send as the admin
      Map<String, String> settings = Map.of("policyprobe.kubeconfig", kubeconfig.toString(),
          Baselines.SWITCH, "on", Baselines.DIR, dir.resolve("baselines").toString(),
          "policyprobe.report.dir", dir.resolve("report").toString(), Identity.SENDERS_PROPERTY, "admin");

      String missing = classFailure(run(settings, Map.of(Baselines.REQUIRE, "true")));
      Assertions.assertThat(missing).startsWith("No verdict baseline for " + Suite.class.getName())
          .contains("-Dpolicyprobe.updateBaselines=true");
      Assertions.assertThat(baseline).doesNotExist();

      Assertions.assertThat(classFailure(run(settings, Map.of()))).as("first run writes the baseline").isEmpty();
      String first = Files.readString(baseline);
      Assertions.assertThat(first).contains("\"requirement\": \"uid-gid-1000\"", "\"decision\": \"ADMITTED\"");
      Assertions.assertThat(classFailure(run(settings, Map.of()))).as("same policies, same verdicts").isEmpty();
      Assertions.assertThat(Files.readString(baseline)).isEqualTo(first);

      admin.load(new ByteArrayInputStream(UID_FLOOR_WARN.getBytes(StandardCharsets.UTF_8))).serverSideApply();
      awaitWarning(admin);

      String changed = classFailure(run(settings, Map.of()));
      Assertions.assertThat(changed)
          .startsWith("3 verdicts of " + Suite.class.getName() + " changed since the baseline " + baseline)
          .contains("uid-gid-1000 [Pod]", "shop", "BaselinesTest$Suite > k10(Cluster) / permitsK10", "ADMITTED",
              "WARNED by ValidatingAdmissionPolicy 'uid-floor' (uid-floor-warn): Validation failed for"
                  + " ValidatingAdmissionPolicy 'uid-floor' with binding 'uid-floor-warn': pods must run as a UID of 10000 or more")
          .contains("accept it with -Dpolicyprobe.updateBaselines=true");
      Assertions.assertThat(Files.readString(dir.resolve("report/report.md")))
          .contains("## Changes since baseline", "| uid-gid-1000 [Pod] | shop |");
      Assertions.assertThat(Files.readString(dir.resolve("report/report.html"))).contains("Changes since baseline");
      Assertions.assertThat(Files.readString(baseline)).as("a failing run leaves the baseline alone").isEqualTo(first);

      Assertions.assertThat(classFailure(run(settings, Map.of(Baselines.UPDATE, "true")))).isEmpty();
      Assertions.assertThat(Files.readString(baseline)).contains("\"decision\": \"WARNED\"");
      Assertions.assertThat(classFailure(run(settings, Map.of()))).as("accepted: passes again").isEmpty();
    }
  }

  private static EngineExecutionResults run(Map<String, String> settings, Map<String, String> more) {
    // the module's surefire sets policyprobe.baselines=off for the rest: put back what was there
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.putAll(more);
    return SystemProperties.with(all, () -> {
      EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Suite.class)).execute();
      results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
      return results;
    });
  }

  /** The message the Suite class failed with; empty when it did not fail. */
  private static String classFailure(EngineExecutionResults results) {
    return results.containerEvents().list().stream()
        .filter(e -> e.getType() == EventType.FINISHED)
        // the class template, or its run on one version ("existing cluster" here) that the listeners fail
        .flatMap(e -> e.getPayload(TestExecutionResult.class).stream())
        .flatMap(r -> r.getThrowable().stream())
        .map(Throwable::getMessage).findFirst().orElse("");
  }

  private static void awaitWarning(KubernetesClient admin) throws InterruptedException {
    ProbeRunner runner = new ProbeRunner(admin);
    Probe probe = ProbeRendering.render(ProbeVariant.pod("", PodChanges.runAsUser(1000)), NeutralTemplate.restricted(), "uid", "shop").get(0);
    for (int i = 0; i < 100; i++) {
      if (runner.run(probe).decision() == Decision.WARNED) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the ValidatingAdmissionPolicy never took effect");
  }

  @PolicyCluster(backend = Backend.LOCAL)
  static class Suite {
    @Test
    void k10(Cluster cluster) {
      assertThat(cluster).permitsK10In("shop");
    }
  }
}
