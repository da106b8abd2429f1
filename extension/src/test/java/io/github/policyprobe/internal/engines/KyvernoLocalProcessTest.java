package io.github.policyprobe.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.inforce.EngineObjectStatus;
import io.github.policyprobe.internal.inforce.EngineReadiness;
import io.github.policyprobe.internal.kube.GenericResources;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.support.Pods;
import io.github.policyprobe.support.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real Kyverno v1.19 as a local process, deciding through a real kube-apiserver. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KyvernoLocalProcessTest {
  private EngineTestCluster cluster;
  private List<GenericKubernetesResource> policies;

  @BeforeAll
  void startKyvernoAndApplyPolicies() {
    cluster = EngineTestCluster.start(Engine.KYVERNO);
    cluster.createNamespaces("shop", "shop-warn", "shop-mutate", "shop-cel", "kasten-io");
    policies = cluster.applyAndAwait("engines/kyverno/policies.yaml");
  }

  @AfterAll
  void stop() {
    if (cluster == null) {
      return;
    }
    RunningEngine kyverno = cluster.engine();
    long pid = kyverno.process().pid().orElseThrow();
    Path scratch = cluster.cluster.scratchFolder();
    cluster.close();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("Kyverno (pid %d) after the cluster closed", pid).isFalse();
    assertThat(Files.exists(scratch)).as("scratch folder %s removed", scratch).isFalse();
  }

  @Test
  void aPolicyThatForbidsDacOverrideDeniesNamingPolicyAndRule() {
    Pod pod = Pods.restrictedWithCapability("k10-probe", "DAC_OVERRIDE");

    assertThatThrownBy(() -> cluster.client.pods().inNamespace("shop").resource(pod).dryRun().create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          String message = e.getStatus().getMessage();
          assertThat(message)
              .startsWith("admission webhook \"validate.kyverno.svc-fail\" denied the request")
              .contains("resource Pod/shop/k10-probe was blocked due to the following policies")
              .contains("k10-no-dac-override:")
              .contains("forbid-dac-override: Adding the DAC_OVERRIDE capability is not allowed.");
          CapturedMessages.assertSameAsCaptured("kyverno/deny-pod.txt", message);
        });
  }

  @Test
  void theSameRuleDeniesADeploymentThroughItsAutogenRule() {
    Deployment deployment = deploymentOf(Pods.restrictedWithCapability("ignored", "DAC_OVERRIDE"));

    assertThatThrownBy(() ->
        cluster.client.apps().deployments().inNamespace("shop").resource(deployment).dryRun().create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          String message = e.getStatus().getMessage();
          assertThat(message)
              .contains("resource Deployment/shop/k10-deployment was blocked")
              .contains("autogen-forbid-dac-override: Adding the DAC_OVERRIDE capability is not allowed.");
          CapturedMessages.assertSameAsCaptured("kyverno/deny-deployment.txt", message);
        });
  }

  @Test
  void theK10ExceptionAdmitsDacOverrideInKastenIo() {
    Pod pod = Pods.restrictedWithCapability("k10-probe", "DAC_OVERRIDE");

    Pod admitted = cluster.client.pods().inNamespace("kasten-io").resource(pod).dryRun().create();

    assertThat(admitted.getSpec().getContainers().get(0).getSecurityContext().getCapabilities().getAdd())
        .containsExactly("DAC_OVERRIDE");
  }

  @Test
  void anAuditRuleWithWarningsAdmitsAndWarnsNamingPolicyAndRule() {
    Pod pod = Pods.restrictedWithCapability("k10-probe", "FOWNER");
    cluster.warnings.drain();

    Pod admitted = cluster.warningClient.pods().inNamespace("shop-warn").resource(pod).dryRun().create();

    assertThat(admitted.getSpec().getContainers().get(0).getSecurityContext().getCapabilities().getAdd())
        .containsExactly("FOWNER");
    List<String> warnings = cluster.warnings.drain();
    assertThat(warnings).singleElement().asString()
        .contains("k10-warn-fowner")
        .contains("warn-fowner")
        .contains("Adding the FOWNER capability is discouraged.");
    CapturedMessages.assertSameAsCaptured("kyverno/warning-pod.txt", warnings.get(0));
  }

  @Test
  void aMutateRuleChangesTheRequestedFsGroupAndNamesItselfOnlyInAWarning() {
    Pod pod = Pods.restrictedWithCapability("k10-probe", null);
    pod.getSpec().getSecurityContext().setFsGroup(1000L);
    cluster.warnings.drain();

    Pod admitted = cluster.warningClient.pods().inNamespace("shop-mutate").resource(pod).dryRun().create();

    assertThat(admitted.getSpec().getSecurityContext().getFsGroup()).isEqualTo(2000L);
    // No annotation records the mutation; the policy's emitWarning is what names it.
    assertThat(admitted.getMetadata().getAnnotations()).isNullOrEmpty();
    List<String> warnings = cluster.warnings.drain();
    assertThat(warnings).singleElement().asString()
        .startsWith("policy k10-force-fsgroup.set-fsgroup-2000: ");
    CapturedMessages.assertSameAsCaptured("kyverno/mutation-warning-pod.txt", warnings.get(0));
  }

  @Test
  void aCelValidatingPolicyIsProvenInForceAndDeniesNamingItself() {
    List<GenericKubernetesResource> applied = cluster.applyAndAwait("engines/kyverno/cel-policy.yaml");
    try {
      Pod pod = Pods.restrictedWithCapability("k10-probe", "CHOWN");

      assertThatThrownBy(() -> cluster.client.pods().inNamespace("shop-cel").resource(pod).dryRun().create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            String message = e.getStatus().getMessage();
            assertThat(message).contains("k10-no-chown").contains("Adding the CHOWN capability is not allowed.");
            CapturedMessages.assertSameAsCaptured("kyverno/deny-pod-validatingpolicy.txt", message);
          });
    } finally {
      applied.forEach(policy -> cluster.client.resource(policy).delete());
    }
  }

  @Test
  void everyAppliedPolicyReportsReadyAndNothingWasStored() {
    for (GenericKubernetesResource policy : policies) {
      GenericKubernetesResource live = cluster.client.genericKubernetesResources("kyverno.io/v1", "ClusterPolicy")
          .withName(policy.getMetadata().getName()).get();
      assertThat(EngineObjectStatus.pending(live)).as(policy.getMetadata().getName()).isEmpty();
    }
    // Probes and canaries were dry-runs or removed again.
    assertThat(cluster.client.pods().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(cluster.client.genericKubernetesResources("kyverno.io/v1", "ClusterPolicy").list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("k10-no-dac-override", "k10-warn-fowner", "k10-force-fsgroup");
  }

  @Test
  void aPolicyThatWasNeverAppliedIsNamedWhenReadinessGivesUp() {
    GenericKubernetesResource missing = GenericResources.of(Map.of(
        "apiVersion", "kyverno.io/v1", "kind", "ClusterPolicy",
        "metadata", Map.of("name", "never-applied")));

    assertThatThrownBy(() -> new EngineReadiness(cluster.client, Duration.ofSeconds(2))
        .awaitInForce(List.of(missing)))
        .isInstanceOf(EngineReadiness.PoliciesNotInForceException.class)
        .hasMessageContaining("ClusterPolicy never-applied (Kyverno): it does not exist in the cluster");
  }

  @Test
  void everyListenerIsOnLoopback() throws Exception {
    long pid = cluster.engine().process().pid().orElseThrow();
    var addresses = ProcessTable.listeningAddresses(pid);
    assertThat(addresses).as("Kyverno's listeners")
        .contains("127.0.0.1:" + cluster.engine().webhookPort())
        .allSatisfy(address -> assertThat(address).startsWith("127.0.0.1:"));
    System.out.printf("%s listeners: %s%n", cluster.engine().name(), addresses);
    System.out.printf("%s: started in %d ms, resident memory %d KiB%n", cluster.engine().name(),
        cluster.engine().startDuration().toMillis(), cluster.engine().residentMemoryKiB().orElse(-1));
  }

  @Test
  void aKyvernoThatCannotStartFailsFastQuotingItsOwnLog() {
    EngineHost broken = new EngineHost(Path.of("/nonexistent/kubeconfig"), cluster.cluster.kubeconfigYaml(),
        cluster.cluster.scratchFolder(), cluster.cluster.certificateAuthority());
    long start = System.nanoTime();

    assertThatThrownBy(() -> KyvernoProcess.start(broken, cluster.client, Duration.ofSeconds(60), EngineValues.defaults()))
        .isInstanceOf(EngineStartException.class)
        .hasMessageContaining(PinnedEngine.KYVERNO + " exited with code")
        .hasMessageContaining("/nonexistent/kubeconfig", EngineValues.defaults());
    // Fast: from its exit, not after the 60 s readiness timeout. The clock also runs while its
    // CRDs are applied first, which takes 6-20 s depending on the machine's load.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(50));
  }

  static Deployment deploymentOf(Pod pod) {
    return new DeploymentBuilder()
        .withNewMetadata().withName("k10-deployment").endMetadata()
        .withNewSpec()
          .withNewSelector().addToMatchLabels("app", "k10").endSelector()
          .withNewTemplate()
            .withNewMetadata().addToLabels("app", "k10").endMetadata()
            .withSpec(pod.getSpec())
          .endTemplate()
        .endSpec()
        .build();
  }
}
