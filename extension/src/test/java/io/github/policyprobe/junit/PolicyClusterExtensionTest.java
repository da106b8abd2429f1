package io.github.policyprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.internal.manifests.ManifestException;
import io.github.policyprobe.support.Pods;
import io.github.policyprobe.support.TeamObjects;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Manifests written in an awkward order are applied, and their policies are in force at once. */
@PolicyCluster(backend = Backend.LOCAL, manifests = "manifests/ordering/")
class PolicyClusterExtensionTest {

  @Test
  void appliesInAnOrderThatWorksAndTheirPolicyDecidesTheFirstRequest(Cluster cluster) {
    var client = cluster.client();
    assertThat(client.configMaps().inNamespace("shop").withName("settings").get()).isNotNull();
    var windows = client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
        .withGroup("stable.example.com").withVersion("v1").withKind("BackupWindow")
        .withPlural("backupwindows").withNamespaced(true).build());
    GenericKubernetesResource nightly = windows.inNamespace("shop").withName("nightly").get();
    assertThat(nightly.getAdditionalProperties()).containsKey("spec");
    // No retry: "proven in force" means the very first request is decided by the new policy.
    assertThatThrownBy(() -> client.pods().inNamespace("shop")
        .resource(Pods.restrictedWithCapability("first", "DAC_OVERRIDE")).dryRun().create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getMessage())
            .contains("ValidatingAdmissionPolicy 'no-dac-override' with binding 'no-dac-override-in-shop' denied request")
            .contains("DAC_OVERRIDE is not allowed here"));
    assertThat(RunningCluster.of(cluster).appliedManifests().containsPolicies()).isTrue();
    // The sentinels used to prove the policy in force are gone again.
    assertThat(TeamObjects.of(client.admissionRegistration().v1().validatingAdmissionPolicies().list().getItems()))
        .extracting(p -> p.getMetadata().getName()).containsExactly("no-dac-override");
  }

  @Test
  void anExplicitLocalBackendBootsTheLocalControlPlane(Cluster cluster) {
    assertThat(cluster.backend()).isEqualTo(Backend.LOCAL);
    assertThat(cluster.serverVersion()).isEqualTo(io.github.policyprobe.internal.versions.Versions.KUBERNETES);
    assertThat(cluster.kubeconfigYaml()).contains("server: https://127.0.0.1:");
  }

  @Test
  void createsNamespacesInWhichPodsCanBeProbedAtOnce(Cluster cluster) {
    cluster.createNamespace("fresh", Map.of("pod-security.kubernetes.io/enforce", "baseline"));
    var admitted = cluster.client().pods().inNamespace("fresh")
        .resource(Pods.restrictedWithCapability("probe", "CHOWN")).dryRun().create();
    assertThat(admitted.getSpec().getServiceAccountName()).isEqualTo("default");
  }

  @Test
  void aKindTheClusterDoesNotServeGetsAHint(Cluster cluster) {
    assertThatThrownBy(() -> RunningCluster.of(cluster).apply("manifests/bad/unknown-kind.yaml"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("unknown-kind.yaml, document 1 (line 1): kyverno.io/v1 ClusterPolicy \"needs-kyverno\"")
        .hasMessageContaining("the cluster does not serve kind ClusterPolicy")
        .hasMessageContaining("Kyverno's CRDs are not installed");
  }

  @Test
  void ofSeveralRejectedDocumentsInOneStageTheFirstInFileOrderIsNamed(Cluster cluster) {
    // A stage's documents are sent together; the error stays the one a sequential apply gave.
    assertThatThrownBy(() -> RunningCluster.of(cluster).apply("manifests/bad/two-rejected.yaml"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("two-rejected.yaml, document 2 (line 8)")
        .hasMessageContaining("Not_A_Valid_Name")
        .hasMessageNotContaining("Also_Invalid");
  }

  @Test
  void anObjectTheApiServerRejectsCarriesItsMessage(Cluster cluster) {
    assertThatThrownBy(() -> RunningCluster.of(cluster).apply("manifests/bad/rejected-policy.yaml"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("rejected-policy.yaml, document 1 (line 1)")
        .hasMessageContaining("the API server rejected it (HTTP 422)")
        .hasMessageContaining("compilation failed");
  }
}
