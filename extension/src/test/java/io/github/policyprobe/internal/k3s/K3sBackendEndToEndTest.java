package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.spi.StartedCluster;
import io.github.policyprobe.internal.versions.Versions;
import io.github.policyprobe.internal.wait.BoundedWait;
import io.github.policyprobe.internal.wait.BoundedWait.NotYet;
import io.github.policyprobe.junit.EnabledIfBackendAvailable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Boots real k3s clusters. Runs only where Docker answers and the k3s image can be had (and, for
 * the engine tests, where the engines' manifests and images can be downloaded); skipped elsewhere.
 */
@Tag("k3s")
@EnabledIfBackendAvailable(Backend.K3S)
@Tag("k3s")
class K3sBackendEndToEndTest {
  private static final String RESTRICTED = "io/github/policyprobe/internal/k3s/restricted-admission.yaml";
  private static final Duration ENGINE_TIMEOUT = Duration.ofMinutes(5);

  @Test
  void theAdmissionConfigurationMakesPodSecurityDenyDacOverrideInTheDefaultNamespace() {
    ClusterSpec spec = ClusterSpec.defaults().withBackend(Backend.K3S)
        .withAdmissionConfig(RESTRICTED)
        .withApiServerArgs(List.of(
            "--feature-gates=MutatingAdmissionPolicy=true",
            "--runtime-config=admissionregistration.k8s.io/v1beta1=true"));

    try (StartedCluster cluster = new K3sBackend().start(spec); KubernetesClient client = clientOf(cluster)) {
      assertThat(cluster.backend()).isEqualTo(Backend.K3S);
      assertThat(client.getKubernetesVersion().getGitVersion())
          .isEqualTo(Versions.K3S_IMAGE.substring(Versions.K3S_IMAGE.indexOf(':') + 1).replace("-k3s", "+k3s"));
      awaitDefaultServiceAccount(client, "default");

      // The neutral pod passes, so the denial below is the capability's doing.
      client.pods().inNamespace("default").resource(pod("neutral", List.of())).dryRun().create();
      KubernetesClientException denied = catchThrowableOfType(KubernetesClientException.class,
          () -> client.pods().inNamespace("default").resource(pod("dac", List.of("DAC_OVERRIDE"))).dryRun().create());

      assertThat(denied).isNotNull();
      assertThat(denied.getCode()).isEqualTo(403);
      assertThat(denied.getMessage())
          .contains("violates PodSecurity \"restricted:latest\"")
          .contains("DAC_OVERRIDE");
      // The apiServerArgs reached kube-apiserver: the beta API they switch on is served.
      assertThat(client.getApiResources("admissionregistration.k8s.io/v1beta1").getResources())
          .extracting(APIResource::getName)
          .contains("mutatingadmissionpolicies");
    }
  }

  @Test
  void kyvernoFromItsInstallManifestRunsAndEnforcesAPolicy() {
    ClusterSpec spec = ClusterSpec.defaults().withBackend(Backend.K3S)
        .withEngines(Set.of(Engine.KYVERNO))
        .withReadyTimeout(ENGINE_TIMEOUT);

    try (StartedCluster cluster = new K3sBackend().start(spec); KubernetesClient client = clientOf(cluster)) {
      assertAllAvailable(client, "kyverno");
      try (InputStream policy = getClass().getResourceAsStream("kyverno-deny-dac-override.yaml")) {
        client.load(policy).serverSideApply();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      awaitDefaultServiceAccount(client, "default");

      String message = awaitDenial(() ->
          client.pods().inNamespace("default").resource(pod("dac", List.of("DAC_OVERRIDE"))).dryRun().create());

      assertThat(message)
          .contains("validate.kyverno.svc-fail")
          .contains("deny-dac-override")
          .contains("adding DAC_OVERRIDE is not allowed");
    }
  }

  @Test
  void gatekeeperFromItsInstallManifestRunsAndDecides() {
    ClusterSpec spec = ClusterSpec.defaults().withBackend(Backend.K3S)
        .withEngines(Set.of(Engine.GATEKEEPER))
        .withReadyTimeout(ENGINE_TIMEOUT);

    try (StartedCluster cluster = new K3sBackend().start(spec); KubernetesClient client = clientOf(cluster)) {
      assertAllAvailable(client, "gatekeeper-system");
      // Gatekeeper's own webhook refuses its ignore label outside exempt namespaces.
      Namespace ignored = new NamespaceBuilder().withNewMetadata().withName("sneaky")
          .addToLabels("admission.gatekeeper.sh/ignore", "true").endMetadata().build();

      String message = awaitDenial(() -> client.namespaces().resource(ignored).dryRun().create());

      assertThat(message).contains("check-ignore-label.gatekeeper.sh");
    }
  }

  private static KubernetesClient clientOf(StartedCluster cluster) {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(cluster.kubeconfigYaml())).build();
  }

  private static Pod pod(String name, List<String> addedCapabilities) {
    return new PodBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec()
        .withNewSecurityContext()
        .withRunAsNonRoot(true).withRunAsUser(1000L).withRunAsGroup(1000L)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("probe").withImage("pause:3.10")
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities().withDrop("ALL").withAdd(addedCapabilities).endCapabilities()
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .build();
  }

  private static void awaitDefaultServiceAccount(KubernetesClient client, String namespace) {
    BoundedWait.until(Duration.ofSeconds(60), "ServiceAccount " + namespace + "/default", () ->
        Optional.ofNullable(client.serviceAccounts().inNamespace(namespace).withName("default").get())
            .orElseThrow(() -> new NotYet("it does not exist yet")));
  }

  private static void assertAllAvailable(KubernetesClient client, String namespace) {
    List<Deployment> deployments = client.apps().deployments().inNamespace(namespace).list().getItems();
    assertThat(deployments).isNotEmpty().allSatisfy(d -> assertThat(d.getStatus().getAvailableReplicas())
        .as("available replicas of %s", d.getMetadata().getName())
        .isEqualTo(d.getSpec().getReplicas()));
  }

  /** Repeats the dry-run until a webhook denies it (policies take a moment to reach webhooks). */
  private static String awaitDenial(Supplier<?> dryRun) {
    return BoundedWait.until(Duration.ofSeconds(90), "a denial", BoundedWait.toleratingFailures(() -> {
      try {
        dryRun.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 400 || e.getCode() == 403 || e.getCode() == 422) {
          return e.getMessage();
        }
        throw new NotYet("unexpected error: " + e.getMessage());
      }
      throw new NotYet("the dry-run was admitted");
    }));
  }
}
