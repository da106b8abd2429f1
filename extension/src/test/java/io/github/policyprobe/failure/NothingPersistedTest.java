package io.github.policyprobe.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.internal.manifests.ManifestDocument;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.support.Pods;
import io.github.policyprobe.support.TeamObjects;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Proving policies in force creates sentinel policies, bindings and webhook configurations and
 * sends marked dry-run ConfigMaps: afterwards the cluster holds what the user applied, no more.
 */
@PolicyCluster(backend = Backend.LOCAL, manifests = "failure/policies-and-webhooks/")
class NothingPersistedTest {
  private static final String SENTINEL = "policyprobe-sentinel";
  private static final String SENTINEL_LABEL = "policyprobe.io/sentinel";

  @Test
  void afterBootTheClusterHoldsExactlyTheAppliedObjects(Cluster cluster) {
    assertThat(namesOf(cluster, "ValidatingWebhookConfiguration")).contains("audit-deployments");
    assertThat(namesOf(cluster, "MutatingWebhookConfiguration")).contains("label-deployments");
    assertPolicyDenies(cluster, "DAC_OVERRIDE");

    assertOnlyAppliedAdmissionObjectsAndConfigMaps(cluster);
  }

  @Test
  void afterApplyingMoreTheClusterStillHoldsExactlyTheAppliedObjects(Cluster cluster) {
    RunningCluster.of(cluster).apply("failure/more-policies/");
    assertPolicyDenies(cluster, "CHOWN");

    assertOnlyAppliedAdmissionObjectsAndConfigMaps(cluster);
  }

  @Test
  void webhookConfigurationsAreProvenInSecondsAndLeaveNoSentinel(Cluster cluster) {
    long start = System.nanoTime();
    RunningCluster.of(cluster).apply("failure/webhooks-only/");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Two sentinel webhooks whose calls fail: with client retries, each proof took about 19 s,
    // 38 s for both; without, about 1 s (the bound leaves room for a loaded machine).
    assertThat(took).as("proving two webhook configurations").isLessThan(Duration.ofSeconds(19));
    assertOnlyAppliedAdmissionObjectsAndConfigMaps(cluster);
  }

  private static void assertOnlyAppliedAdmissionObjectsAndConfigMaps(Cluster cluster) {
    KubernetesClient client = cluster.client();
    var admission = client.admissionRegistration().v1();
    assertSameNames(cluster, "ValidatingAdmissionPolicy",
        TeamObjects.of(admission.validatingAdmissionPolicies().list().getItems()));
    assertSameNames(cluster, "ValidatingAdmissionPolicyBinding",
        TeamObjects.of(admission.validatingAdmissionPolicyBindings().list().getItems()));
    assertSameNames(cluster, "ValidatingWebhookConfiguration",
        admission.validatingWebhookConfigurations().list().getItems());
    assertSameNames(cluster, "MutatingWebhookConfiguration",
        admission.mutatingWebhookConfigurations().list().getItems());

    // policyprobe's own: the namespace-epoch sentinel, kept for the cluster's life, labelled so.
    assertThat(admission.validatingAdmissionPolicies().list().getItems()).filteredOn(TeamObjects::policyprobes)
        .extracting(p -> p.getMetadata().getName()).containsExactly("policyprobe-namespace-epoch");

    // kube-system holds the API server's own ConfigMaps; every other one must be the user's.
    List<String> configMaps = client.configMaps().inAnyNamespace().list().getItems().stream()
        .filter(c -> !c.getMetadata().getNamespace().equals("kube-system"))
        .map(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName())
        .toList();
    assertThat(configMaps).as("ConfigMaps outside kube-system").containsExactly("guarded/settings");

    List<HasMetadata> everything = Stream.<List<? extends HasMetadata>>of(
            admission.validatingAdmissionPolicies().list().getItems(),
            admission.validatingAdmissionPolicyBindings().list().getItems(),
            admission.validatingWebhookConfigurations().list().getItems(),
            admission.mutatingWebhookConfigurations().list().getItems(),
            client.configMaps().inAnyNamespace().list().getItems())
        .flatMap(objects -> objects.stream().map(HasMetadata.class::cast)).toList();
    assertThat(everything).as("objects named or labelled as sentinels").noneMatch(o ->
        o.getMetadata().getName().startsWith(SENTINEL)
            || (o.getMetadata().getLabels() != null && o.getMetadata().getLabels().containsKey(SENTINEL_LABEL)));
  }

  private static void assertSameNames(Cluster cluster, String kind, List<? extends HasMetadata> inCluster) {
    assertThat(inCluster).extracting(o -> o.getMetadata().getName()).as("%s objects in the cluster", kind)
        .containsExactlyInAnyOrderElementsOf(namesOf(cluster, kind));
  }

  private static List<String> namesOf(Cluster cluster, String kind) {
    return RunningCluster.of(cluster).appliedManifests().documents().stream()
        .filter(d -> d.kind().equals(kind)).map(ManifestDocument::name).toList();
  }

  /** The policies were applied and work: the proof that made sentinels did run. */
  private static void assertPolicyDenies(Cluster cluster, String capability) {
    assertThatThrownBy(() -> cluster.client().pods().inNamespace("guarded")
        .resource(Pods.restrictedWithCapability("probe", capability)).dryRun().create())
        .hasMessageContaining(capability + " is not allowed here");
    assertThat(cluster.client().pods().inNamespace("guarded").list().getItems())
        .as("pods stored by dry-runs").isEmpty();
  }
}
