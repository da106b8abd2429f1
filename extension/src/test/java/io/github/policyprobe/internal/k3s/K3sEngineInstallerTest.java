package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.local.LocalControlPlane;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.internal.spi.StartedCluster;
import io.github.policyprobe.internal.wait.BoundedWait;
import io.github.policyprobe.internal.wait.BoundedWait.NotYet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's apply order, server-side apply and waits, against a real kube-apiserver (the
 * local control plane). The engines' real manifests need k3s (their pods must run); here each
 * engine's cached manifest is a small stand-in with the same shape, and since the local control
 * plane runs no kube-controller-manager, a Deployment is available only when a test says so.
 */
class K3sEngineInstallerTest {
  private static StartedCluster cluster;
  private static KubernetesClient client;

  @TempDir Path cacheFolder;

  @BeforeAll
  static void startControlPlane() {
    cluster = new LocalControlPlane().start(ClusterSpec.defaults().withBackend(Backend.LOCAL));
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(cluster.kubeconfigYaml())).build();
  }

  @AfterAll
  static void stopControlPlane() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anEngineWhoseDeploymentsNeverBecomeAvailableFailsNamingThemAfterApplyingEverything() throws IOException {
    Files.writeString(cacheFolder.resolve("gatekeeper-v3.23.0.yaml"), namespace("gatekeeper-system")
        + "---\n" + webhookConfiguration("gatekeeper-validating-webhook-configuration", false)
        + "---\n" + deployment("gatekeeper-system", "gatekeeper-controller-manager")
        + "---\n" + crdLargerThanTheLastAppliedAnnotationAllows());
    // What the kubelet reports while it pulls: one image still pulling, one done.
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("gatekeeper-system")
        .endMetadata().build()).serverSideApply();
    client.v1().events().inNamespace("gatekeeper-system").resource(pullEvent("a", "Pulling",
        "Pulling image \"openpolicyagent/gatekeeper:v3.23.0\"")).create();
    client.v1().events().inNamespace("gatekeeper-system").resource(pullEvent("b", "Pulling",
        "Pulling image \"busybox:1\"")).create();
    client.v1().events().inNamespace("gatekeeper-system").resource(pullEvent("c", "Pulled",
        "Successfully pulled image \"busybox:1\" in 2.1s (2.1s including waiting)")).create();
    List<String> progress = new CopyOnWriteArrayList<>();
    K3sEngineInstaller installer = new K3sEngineInstaller(client, Duration.ofSeconds(3),
        new EngineManifestCache(cacheFolder), progress::add);

    assertThatThrownBy(() -> installer.install(PinnedEngine.GATEKEEPER))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("gave up after 3 s waiting for Gatekeeper v3.23.0 Deployments in"
            + " namespace gatekeeper-system to be available")
        .hasMessageContaining("gatekeeper-controller-manager 0/1 available")
        .hasMessageContaining("readyTimeoutSeconds");
    // One line while nothing changed, not one per poll; it names the image still being pulled.
    assertThat(progress).containsExactly("Gatekeeper v3.23.0: waiting for gatekeeper-controller-manager"
        + " 0/1 available; pulling openpolicyagent/gatekeeper:v3.23.0");

    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName("bigs.policyprobe.example").get();
    assertThat(crd.getStatus().getConditions())
        .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Established=True"));
    assertThat(crd.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager() + "/" + f.getOperation()).isEqualTo("policyprobe/Apply"));
    assertThat(client.admissionRegistration().v1().validatingWebhookConfigurations()
        .withName("gatekeeper-validating-webhook-configuration").get()).isNotNull();
  }

  @Test
  void theInstallEndsOnceDeploymentsAreAvailableAndEveryWebhookHasACaBundle() throws IOException {
    Files.writeString(cacheFolder.resolve("kyverno-v1.19.0.yaml"), namespace("kyverno")
        + "---\n" + crd("kyverno.policyprobe.example", "")
        + "---\n" + deployment("kyverno", "kyverno-admission-controller")
        + "---\n" + webhookConfiguration("kyverno-policy-validating-webhook-cfg", true)
        + "---\n" + webhookConfiguration("kyverno-resource-validating-webhook-cfg", true));
    K3sEngineInstaller installer = new K3sEngineInstaller(client, Duration.ofSeconds(30),
        new EngineManifestCache(cacheFolder), line -> {});
    // Stands in for kube-controller-manager, which the local control plane does not run.
    CompletableFuture<Void> controller = CompletableFuture.runAsync(
        () -> markAvailableOnceCreated("kyverno", "kyverno-admission-controller"));

    long started = System.nanoTime();
    installer.install(PinnedEngine.KYVERNO);

    assertThat(controller).isCompleted();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(client.apps().deployments().inNamespace("kyverno").withName("kyverno-admission-controller")
        .get().getStatus().getAvailableReplicas()).isEqualTo(1);
  }

  private static void markAvailableOnceCreated(String namespace, String name) {
    BoundedWait.until(Duration.ofSeconds(20), "Deployment " + name + " to be created", () ->
        Optional.ofNullable(client.apps().deployments().inNamespace(namespace).withName(name).get())
            .orElseThrow(() -> new NotYet("it does not exist yet")));
    client.apps().deployments().inNamespace(namespace).withName(name).editStatus(d -> available(d));
  }

  @Test
  void anInstallWaitsAtLeastTenMinutesWhateverTheClusterWideBound() {
    assertThat(K3sEngineInstaller.boundFor(Duration.ofSeconds(60))).isEqualTo(Duration.ofMinutes(10));
    assertThat(K3sEngineInstaller.boundFor(Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(15));
  }

  private static Event pullEvent(String name, String reason, String message) {
    return new EventBuilder().withNewMetadata().withName("pull-" + name).endMetadata()
        .withReason(reason).withMessage(message).withType("Normal")
        .withNewInvolvedObject().withKind("Pod").withNamespace("gatekeeper-system").withName("gk-" + name)
        .endInvolvedObject().build();
  }

  private static Deployment available(Deployment deployment) {
    return new DeploymentBuilder(deployment).editOrNewStatus()
        .withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
        .endStatus().build();
  }

  private static String namespace(String name) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
  }

  private static String deployment(String namespace, String name) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %2$s
          namespace: %1$s
        spec:
          replicas: 1
          selector:
            matchLabels: {app: %2$s}
          template:
            metadata:
              labels: {app: %2$s}
            spec:
              containers:
                - name: engine
                  image: engine:1
        """.formatted(namespace, name);
  }

  /** Rules on a group nobody serves: registered, but never in the way of other requests. */
  private static String webhookConfiguration(String name, boolean withCaBundle) {
    String caBundle = withCaBundle
        ? "\n      caBundle: " + Base64.getEncoder().encodeToString("not a real CA".getBytes()) : "";
    return """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata:
          name: %s
        webhooks:
          - name: validate.engine.policyprobe.example
            admissionReviewVersions: [v1]
            sideEffects: None
            failurePolicy: Ignore
            clientConfig:
              service: {namespace: engine, name: engine-svc, path: /validate}%s
            rules:
              - apiGroups: [nothing.policyprobe.example]
                apiVersions: ["*"]
                operations: [CREATE]
                resources: [nothings]
        """.formatted(name, caBundle);
  }

  /** Over 256 KiB: client-side apply would fail on its last-applied annotation, server-side does not. */
  private static String crdLargerThanTheLastAppliedAnnotationAllows() {
    return crd("policyprobe.example", "x".repeat(300 * 1024));
  }

  private static String crd(String group, String description) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: bigs.%1$s
        spec:
          group: %1$s
          names: {kind: Big, plural: bigs, singular: big, listKind: BigList}
          scope: Cluster
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  description: "%2$s"
        """.formatted(group, description);
  }
}
