package io.github.policyprobe.internal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.process.ManagedProcess;
import io.github.policyprobe.internal.wait.BoundedWait;
import io.github.policyprobe.internal.wait.BoundedWait.NotYet;
import io.github.policyprobe.support.Pods;
import io.github.policyprobe.support.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admission chain of a real kube-apiserver + etcd on loopback, end to end. */
class LocalControlPlaneTest {

  private static final ClusterSpec SPEC = ClusterSpec.defaults().withBackend(Backend.LOCAL);

  @Test
  void podSecurityDeniesDacOverrideUnderRestrictedAndAdmitsItUnderBaseline() throws Exception {
    LocalCluster cluster = new LocalControlPlane().start(SPEC);
    List<Long> pids = new ArrayList<>();
    Path scratch = cluster.scratchFolder();
    try (KubernetesClient client = cluster.newAdminClient()) {
      pids.add(cluster.etcdProcess().pid().orElseThrow());
      pids.add(cluster.apiServerProcess().pid().orElseThrow());
      assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo(io.github.policyprobe.internal.versions.Versions.KUBERNETES);

      createNamespace(client, "hardened", "restricted");
      createNamespace(client, "relaxed", "baseline");
      var pod = Pods.restrictedWithCapability("k10-like", "DAC_OVERRIDE");

      assertThatThrownBy(() -> client.pods().inNamespace("hardened").resource(pod).dryRun().create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getMessage())
                .contains("violates PodSecurity \"restricted:latest\"")
                .contains("DAC_OVERRIDE");
          });
      var admitted = client.pods().inNamespace("relaxed").resource(pod).dryRun().create();
      assertThat(admitted.getSpec().getContainers().get(0).getSecurityContext().getCapabilities().getAdd())
          .containsExactly("DAC_OVERRIDE");
      // Dry-run: nothing was stored.
      assertThat(client.pods().inAnyNamespace().list().getItems()).isEmpty();
    } finally {
      cluster.close();
    }
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("process %d after close", pid).isFalse();
    }
    assertThat(ProcessTable.pidsWithCommandLineContaining(scratch.toString())).isEmpty();
    assertThat(Files.exists(scratch)).as("scratch folder %s removed", scratch).isFalse();
  }

  @Test
  void everyListenerOfEtcdAndApiServerIsOnLoopback() throws Exception {
    try (LocalCluster cluster = new LocalControlPlane().start(SPEC)) {
      for (ManagedProcess process : List.of(cluster.etcdProcess(), cluster.apiServerProcess())) {
        var addresses = ProcessTable.listeningAddresses(process.pid().orElseThrow());
        assertThat(addresses).as("%s listens somewhere", process.name()).isNotEmpty();
        assertThat(addresses).as("%s listeners", process.name())
            .allSatisfy(address -> assertThat(address).startsWith("127.0.0.1:"));
      }
    }
  }

  @Test
  void aBadAdmissionConfigurationFailsFastWithTheApiServersOwnMessage() {
    long start = System.nanoTime();
    ClusterSpec spec = SPEC.withAdmissionConfig("admission/invalid-podsecurity.yaml")
        .withReadyTimeout(Duration.ofSeconds(60));
    assertThatThrownBy(() -> new LocalControlPlane().start(spec))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("kube-apiserver exited")
        .hasMessageContaining("PodSecurity configuration error: enforce: must be one of privileged, baseline, restricted")
        .hasMessageContaining("admission/invalid-podsecurity.yaml");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aMissingAdmissionConfigurationIsNamedAsOnK3s() {
    assertThatThrownBy(() -> new LocalControlPlane().start(SPEC.withAdmissionConfig("no/such/admission.yaml")))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("AdmissionConfiguration file 'no/such/admission.yaml' not found");
  }

  /** The same check as k3s's, before anything starts: a file of another kind never reaches kube-apiserver. */
  @Test
  void aFileOfAnotherKindIsRefusedBeforeTheBoot(@TempDir Path folder) throws IOException {
    Path file = Files.writeString(folder.resolve("not-admission.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
    assertThatThrownBy(() -> new LocalControlPlane().start(SPEC.withAdmissionConfig(file.toString())))
        .isInstanceOf(ClusterStartException.class)
        .hasMessage("AdmissionConfiguration file '" + file + "' (" + file + ") holds apiVersion v1, kind ConfigMap"
            + " (\"settings\"): kube-apiserver expects kind AdmissionConfiguration with apiVersion"
            + " apiserver.config.k8s.io/v1 or apiserver.config.k8s.io/v1alpha1 or apiserver.k8s.io/v1alpha1");
  }

  private static void createNamespace(KubernetesClient client, String name, String level) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("pod-security.kubernetes.io/enforce", level)).endMetadata().build()).create();
    BoundedWait.until(Duration.ofSeconds(10), "the default ServiceAccount of namespace " + name,
        () -> Optional.ofNullable(client.serviceAccounts().inNamespace(name).withName("default").get())
            .orElseThrow(() -> new NotYet("it does not exist yet")));
  }
}
