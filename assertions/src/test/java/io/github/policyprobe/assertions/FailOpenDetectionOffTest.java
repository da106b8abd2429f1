package io.github.policyprobe.assertions;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.local.LocalControlPlane;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * On an existing cluster whose credentials may not read /metrics, fail-open detection cannot run:
 * the assertion still judges the verdicts, and says that detection is off and why.
 */
class FailOpenDetectionOffTest {

  @Test
  void credentialsWithoutMetricsAccessTurnDetectionOffAndSaySo(@TempDir Path folder) throws Exception {
    try (var running = new LocalControlPlane().start(ClusterSpec.defaults().withBackend(Backend.LOCAL));
        KubernetesClient admin = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(running.kubeconfigYaml())).build()) {
      running.awaitBootstrapped(); // a service account below needs the bootstrap roles (discovery)
      Path kubeconfig = Files.writeString(folder.resolve("limited.kubeconfig"),
          limitedKubeconfig(admin, running.kubeconfigYaml()));
      System.setProperty("policyprobe.kubeconfig", kubeconfig.toString());
      // these credentials may not impersonate K10's service account or the controllers
      System.setProperty(Identity.SENDERS_PROPERTY, "admin");
      List<Event> events;
      try {
        events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(LimitedSuite.class)).execute()
            .allEvents().list();
      } finally {
        System.clearProperty("policyprobe.kubeconfig");
        System.clearProperty(Identity.SENDERS_PROPERTY);
      }
      org.assertj.core.api.Assertions.assertThat(events)
          .filteredOn(e -> e.getType() == org.junit.platform.testkit.engine.EventType.FINISHED)
          .extracting(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
              .map(r -> r.getStatus().name()).orElse(""))
          .contains("SUCCESSFUL").doesNotContain("FAILED");
      org.assertj.core.api.Assertions.assertThat(events.stream()
              .flatMap(e -> e.getPayload(ReportEntry.class).stream())
              .flatMap(entry -> entry.getKeyValuePairs().values().stream()))
          .anySatisfy(text -> org.assertj.core.api.Assertions.assertThat(text)
              .startsWith("PASSED permitsK10: kasten-k10 (installed in apps)")
              .contains("fail-open detection is off for https://127.0.0.1:")
              .contains("GET /metrics answered HTTP 403 (these credentials lack get on the non-resource URL /metrics)"));
    }
  }

  /** A service account that may send the probes and read namespaces, nothing more. */
  private static String limitedKubeconfig(KubernetesClient admin, String adminKubeconfig) {
    admin.resource(new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build()).serverSideApply();
    admin.resource(new ServiceAccountBuilder().withNewMetadata().withName("prober").withNamespace("default")
        .endMetadata().build()).serverSideApply();
    admin.resource(new ClusterRoleBuilder().withNewMetadata().withName("prober").endMetadata()
        .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("namespaces").withVerbs("get").build(),
            new PolicyRuleBuilder().withApiGroups("", "apps").withResources("pods", "deployments")
                .withVerbs("create").build())
        .build()).serverSideApply();
    admin.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("prober").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "prober")
        .addNewSubject().withKind("ServiceAccount").withName("prober").withNamespace("default").endSubject()
        .build()).serverSideApply();
    String token = admin.serviceAccounts().inNamespace("default").withName("prober")
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus().getToken();
    Config config = Config.fromKubeconfig(adminKubeconfig);
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: c
            cluster: {server: "%s", certificate-authority-data: "%s"}
        users:
          - name: prober
            user: {token: "%s"}
        contexts:
          - name: c
            context: {cluster: c, user: prober}
        current-context: c
        """.formatted(config.getMasterUrl().replaceAll("/+$", ""), config.getCaCertData(), token);
  }

  @PolicyCluster(backend = Backend.LOCAL)
  static class LimitedSuite {
    @Test
    void k10(Cluster cluster) {
      assertThat(cluster).permitsK10In("apps");
    }
  }
}
