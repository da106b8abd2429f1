package io.github.policyprobe.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.inforce.EngineObjectStatus;
import io.github.policyprobe.internal.inforce.EngineReadiness;
import io.github.policyprobe.internal.manifests.ManifestApplier;
import io.github.policyprobe.internal.manifests.ManifestException;
import io.github.policyprobe.internal.manifests.ManifestLoader;
import io.github.policyprobe.support.Pods;
import io.github.policyprobe.support.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real Gatekeeper v3.23 as a local process, deciding through a real kube-apiserver. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatekeeperLocalProcessTest {
  private EngineTestCluster cluster;
  private List<GenericKubernetesResource> policies;

  @BeforeAll
  void startGatekeeperAndApplyPolicies() {
    cluster = EngineTestCluster.start(Engine.GATEKEEPER);
    cluster.createNamespaces("shop", "shop-warn", "kasten-io");
    policies = cluster.applyAndAwait("engines/gatekeeper/policies.yaml");
  }

  @AfterAll
  void stop() {
    if (cluster == null) {
      return;
    }
    long pid = cluster.engine().process().pid().orElseThrow();
    Path scratch = cluster.cluster.scratchFolder();
    cluster.close();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("Gatekeeper (pid %d) after the cluster closed", pid).isFalse();
    assertThat(Files.exists(scratch)).as("scratch folder %s removed", scratch).isFalse();
  }

  @Test
  void aConstraintThatForbidsDacOverrideDeniesNamingTheConstraint() {
    Pod pod = Pods.restrictedWithCapability("k10-probe", "DAC_OVERRIDE");

    assertThatThrownBy(() -> cluster.client.pods().inNamespace("shop").resource(pod).dryRun().create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          String message = e.getStatus().getMessage();
          assertThat(message)
              .startsWith("admission webhook \"validation.gatekeeper.sh\" denied the request:")
              .contains("[k10-no-dac-override] container app must not add capability DAC_OVERRIDE");
          CapturedMessages.assertSameAsCaptured("gatekeeper/deny-pod.txt", message);
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
  void aWarnConstraintAdmitsAndWarnsNamingTheConstraint() {
    Pod pod = Pods.restrictedWithCapability("k10-probe", "FOWNER");
    cluster.warnings.drain();

    Pod admitted = cluster.warningClient.pods().inNamespace("shop-warn").resource(pod).dryRun().create();

    assertThat(admitted.getSpec().getContainers().get(0).getSecurityContext().getCapabilities().getAdd())
        .containsExactly("FOWNER");
    List<String> warnings = cluster.warnings.drain();
    assertThat(warnings).singleElement().asString()
        .contains("[k10-warn-fowner] container app must not add capability FOWNER");
    CapturedMessages.assertSameAsCaptured("gatekeeper/warning-pod.txt", warnings.get(0));
  }

  @Test
  void everyConstraintIsEnforcedByItsPodAndItsTemplateCreated() {
    assertThat(policies).extracting(GenericKubernetesResource::getKind)
        .containsExactly("ConstraintTemplate", "K10ForbiddenCapabilities", "K10ForbiddenCapabilities");
    for (GenericKubernetesResource policy : policies) {
      GenericKubernetesResource live = cluster.client
          .genericKubernetesResources(policy.getApiVersion(), policy.getKind())
          .withName(policy.getMetadata().getName()).get();
      assertThat(EngineObjectStatus.pending(live))
          .as(policy.getKind() + " " + policy.getMetadata().getName()).isEmpty();
    }
    assertThat(cluster.client.pods().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void aTemplateWhoseRegoDoesNotCompileIsNamedWithGatekeepersError() {
    var documents = new ManifestLoader().load(List.of("engines/gatekeeper/broken-template.yaml"));
    try {
      // The applier awaits the engines' readiness itself, which gives up at once on a rejection.
      assertThatThrownBy(() -> new ManifestApplier(cluster.client, Duration.ofSeconds(30)).apply(documents))
          .isInstanceOf(EngineReadiness.PoliciesNotInForceException.class)
          .hasMessageContaining("Gatekeeper rejected ConstraintTemplate k10brokentemplate")
          .hasMessageContaining("undefined_function");
    } finally {
      cluster.client.genericKubernetesResources("templates.gatekeeper.sh/v1", "ConstraintTemplate")
          .withName("k10brokentemplate").delete();
    }
  }

  /** The constraint's CRD would never come: the wait ends at once with Gatekeeper's own error. */
  @Test
  void aConstraintOfARejectedTemplateFailsAtOnceNamingTheError() {
    var documents = new ManifestLoader().load(List.of("engines/gatekeeper/broken-template-with-constraint.yaml"));
    long start = System.nanoTime();
    try {
      assertThatThrownBy(() -> new ManifestApplier(cluster.client, Duration.ofSeconds(60)).apply(documents))
          .isInstanceOf(ManifestException.class)
          .hasMessageContaining("K10BrokenWithConstraint \"never-served\"")
          .hasMessageContaining("will never be served: Gatekeeper rejected ConstraintTemplate k10brokenwithconstraint")
          .hasMessageContaining("undefined_function");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well inside the 60 s bound")
          .isLessThan(Duration.ofSeconds(30));
    } finally {
      cluster.client.genericKubernetesResources("templates.gatekeeper.sh/v1", "ConstraintTemplate")
          .withName("k10brokenwithconstraint").delete();
    }
  }

  @Test
  void itsWebhooksCallThisProcessByUrlWithTheClustersCa() {
    var configuration = cluster.client.admissionRegistration().v1().validatingWebhookConfigurations()
        .withName("gatekeeper-validating-webhook-configuration").get();
    assertThat(configuration.getWebhooks()).extracting(ValidatingWebhook::getName)
        .containsExactly("validation.gatekeeper.sh", "check-ignore-label.gatekeeper.sh");
    String base = "https://127.0.0.1:" + cluster.engine().webhookPort();
    assertThat(configuration.getWebhooks()).extracting(w -> w.getClientConfig().getUrl())
        .containsExactly(base + "/v1/admit", base + "/v1/admitlabel");
    assertThat(configuration.getWebhooks()).allSatisfy(w -> {
      assertThat(w.getSideEffects()).isEqualTo("None");
      assertThat(w.getClientConfig().getService()).isNull();
      assertThat(new String(java.util.Base64.getDecoder().decode(w.getClientConfig().getCaBundle())))
          .isEqualTo(cluster.cluster.certificateAuthority().certificatePem());
    });
  }

  @Test
  void everyListenerIsOnLoopback() throws Exception {
    long pid = cluster.engine().process().pid().orElseThrow();
    var addresses = ProcessTable.listeningAddresses(pid);
    assertThat(addresses).as("Gatekeeper's listeners")
        .contains("127.0.0.1:" + cluster.engine().webhookPort())
        .allSatisfy(address -> assertThat(address).startsWith("127.0.0.1:"));
    System.out.printf("%s listeners: %s%n", cluster.engine().name(), addresses);
    System.out.printf("%s: started in %d ms, resident memory %d KiB%n", cluster.engine().name(),
        cluster.engine().startDuration().toMillis(), cluster.engine().residentMemoryKiB().orElse(-1));
  }
}
