package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.local.LocalControlPlane;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.internal.spi.StartedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engines' real release manifests (from their Go modules) through the k3s installer, against a
 * real kube-apiserver: every object applied in an order the server accepts, Kyverno's CRDs too
 * large for client-side apply, every CRD Established. Only the pods cannot run here (no kubelet),
 * so each install ends, as designed, naming the Deployments that never became available.
 * A fresh control plane per engine: Gatekeeper's namespace webhook (failurePolicy Fail, no pod
 * behind it) would refuse the next engine's namespace.
 */
class EngineReleaseManifestsTest {
  private static final Duration BOUND = Duration.ofSeconds(8);

  @TempDir Path cacheFolder;
  private StartedCluster cluster;
  private KubernetesClient client;
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startControlPlane() {
    cluster = new LocalControlPlane().start(ClusterSpec.defaults().withBackend(Backend.LOCAL));
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(cluster.kubeconfigYaml())).build();
  }

  @AfterEach
  void stopControlPlane() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void kyvernosInstallManifestIsAppliedWholeAndOnlyItsPodsAreMissing() throws IOException {
    List<HasMetadata> objects = installFromModule(PinnedEngine.KYVERNO, "github.com/kyverno/kyverno",
        PinnedEngine.KYVERNO.version(), "config/install-latest-testing.yaml", "kyverno-admission-controller 0/");

    assertThat(objects).filteredOn(EngineManifest::isCrd).hasSizeGreaterThan(10);
    assertAllPresentAndEstablished(objects);
    CustomResourceDefinition policies =
        client.apiextensions().v1().customResourceDefinitions().withName("clusterpolicies.kyverno.io").get();
    assertThat(policies.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager() + "/" + f.getOperation()).isEqualTo("policyprobe/Apply"));
  }

  @Test
  void gatekeepersInstallManifestIsAppliedWholeAndOnlyItsPodsAreMissing() throws IOException {
    List<HasMetadata> objects = installFromModule(PinnedEngine.GATEKEEPER,
        "github.com/open-policy-agent/gatekeeper/v3", PinnedEngine.GATEKEEPER.version(), "deploy/gatekeeper.yaml",
        "gatekeeper-controller-manager 0/");

    assertThat(objects).filteredOn(EngineManifest::isCrd).hasSize(17);
    assertAllPresentAndEstablished(objects);
    // Webhook configurations come last: they would otherwise intercept the objects after them.
    assertThat(client.admissionRegistration().v1().validatingWebhookConfigurations()
        .withName("gatekeeper-validating-webhook-configuration").get()).isNotNull();
  }

  /** Installs from the module's manifest, expects the Deployments wait to fail, returns the objects. */
  private List<HasMetadata> installFromModule(PinnedEngine release, String module, String version,
      String file, String unavailableDeployment) throws IOException {
    Path manifest = GoModuleCache.file(module, version, file);
    assumeTrue(Files.isRegularFile(manifest), "not in the Go module cache (scripts/engine-binaries.sh puts it"
        + " there): " + manifest);
    Files.copy(manifest, cacheFolder.resolve(EngineManifestCache.fileNameOf(release)));
    EngineManifestCache cache = new EngineManifestCache(cacheFolder);
    K3sEngineInstaller installer = new K3sEngineInstaller(client, BOUND, cache, progress::add);

    assertThatThrownBy(() -> installer.install(release))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("gave up after " + BOUND.toSeconds() + " s waiting for " + release
            + " Deployments in namespace " + release.k3sInstall().namespace() + " to be available")
        .hasMessageContaining(unavailableDeployment);
    assertThat(progress).first().asString().startsWith(release + ": waiting for ");
    return EngineManifest.inApplyOrder(cache.objectsOf(release));
  }

  private void assertAllPresentAndEstablished(List<HasMetadata> objects) {
    for (HasMetadata object : objects) {
      var resources = client.genericKubernetesResources(object.getApiVersion(), object.getKind());
      String namespace = object.getMetadata().getNamespace();
      GenericKubernetesResource found = namespace == null
          ? resources.withName(object.getMetadata().getName()).get()
          : resources.inNamespace(namespace).withName(object.getMetadata().getName()).get();
      assertThat(found).as("%s %s/%s on the server", object.getKind(), namespace, object.getMetadata().getName())
          .isNotNull();
      if (EngineManifest.isCrd(object)) {
        CustomResourceDefinition crd =
            client.apiextensions().v1().customResourceDefinitions().withName(object.getMetadata().getName()).get();
        assertThat(crd.getStatus().getConditions()).as("conditions of %s", object.getMetadata().getName())
            .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Established=True"));
      }
    }
  }
}
