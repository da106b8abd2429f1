package io.github.policyprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.support.Pods;
import io.github.policyprobe.support.TeamObjects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Test classes whose specs differ only in manifests share one cluster: the second class gets it
 * with the first one's policies removed (and proven no longer deciding) and its own applied. Spec
 * A's policy denies a marked pod; after the swap to spec B the same pod is admitted, and nothing
 * of A remains: objects, namespaces (also those a test created), policies, webhooks.
 */
class ClusterReuseTest {
  static final AtomicReference<Cluster> FIRST = new AtomicReference<>();

  @Test
  void aSwapRemovesEverythingOfTheFirstSpecAndBootsNothing() {
    int boots = Clusters.bootCount();
    run(FirstSpec.class, SecondSpec.class);
    assertThat(Clusters.bootCount() - boots).as("one control plane for both classes").isEqualTo(1);
  }

  @Test
  void autoResolvedToLocalAndAnotherReadyTimeoutShareTheCluster() {
    assumeTrue(Clusters.choose(ClusterSpec.defaults()).backend() == Backend.LOCAL,
        "AUTO picks k3s on this machine");
    int boots = Clusters.bootCount();
    run(FirstSpec.class, ThirdSpecUnderAuto.class);
    assertThat(Clusters.bootCount() - boots).as("LOCAL and AUTO (resolved to LOCAL) share one control plane")
        .isEqualTo(1);
  }

  @Test
  void withEnginesTheirPoliciesAreRemovedAndTheEnginesKeepRunning() {
    int boots = Clusters.bootCount();
    run(FirstEngineSpec.class, SecondEngineSpec.class);
    assertThat(Clusters.bootCount() - boots).as("one control plane and one start of each engine").isEqualTo(1);
  }

  /**
   * The removed policies' proof waits for the next apply's (one set of sentinels for both), so
   * the removed policy may still be loaded when the next spec's objects arrive: a denial of one of
   * them must not fail the swap. Proven removed, the apply runs again and the object is there.
   */
  @Test
  void anObjectTheRemovedPolicyStillDeniesIsAppliedOnceItsRemovalIsProven() {
    ClusterSpec strict = ClusterSpec.defaults().withBackend(Backend.LOCAL).withManifests(List.of("reuse/strict/"));
    try (RunningCluster cluster = Clusters.start(strict)) {
      for (int i = 0; i < 3; i++) { // the policy reload's phase varies from swap to swap
        RunningCluster.of(cluster).swapTo(strict.withManifests(List.of("reuse/strict-denied/")));
        assertThat(cluster.client().configMaps().inNamespace("default").withName("labelled").get())
            .as("the ConfigMap the removed policy denied").isNotNull();
        RunningCluster.of(cluster).swapTo(strict);
        assertThat(cluster.client().configMaps().inNamespace("default").withName("labelled").get())
            .as("removed with its spec").isNull();
        ConfigMap labelled = new ConfigMapBuilder().withNewMetadata().withName("again").withNamespace("default")
            .addToLabels("reuse.policyprobe.test/strict", "deny").endMetadata().build();
        assertThatThrownBy(() -> cluster.client().configMaps().resource(labelled).dryRun().create())
            .as("the strict spec in force again").hasMessageContaining("denied by the strict spec");
      }
    }
  }

  private static void run(Class<?> first, Class<?> second) {
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$ClassName")
        .selectors(selectClass(first), selectClass(second))
        .execute()
        .testEvents()
        .failed()
        .stream()
        .flatMap(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).stream())
        .flatMap(r -> r.getThrowable().stream())
        .findFirst()
        .ifPresent(failure -> {
          throw new AssertionError("a class of the pair failed: " + failure, failure);
        });
  }

  static Pod marked(String name, String key) {
    Pod pod = Pods.restrictedWithCapability(name, null);
    Map<String, String> labels = new HashMap<>(pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels());
    labels.put(key, "deny");
    pod.getMetadata().setLabels(labels);
    return pod;
  }

  static void denied(Cluster cluster, String namespace, Pod pod, String message) {
    assertThatThrownBy(() -> cluster.client().pods().inNamespace(namespace).resource(pod).dryRun().create())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining(message);
  }

  static void admitted(Cluster cluster, String namespace, Pod pod) {
    assertThat(cluster.client().pods().inNamespace(namespace).resource(pod).dryRun().create()).isNotNull();
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = "reuse/first/")
  static class FirstSpec {
    @Test
    void policiesOfSpecA(Cluster cluster) {
      FIRST.set(cluster);
      cluster.createNamespace("made-by-a", Map.of());
      denied(cluster, "reuse-a", marked("p", "reuse.policyprobe.test/verdict"), "marked pods are denied by spec A");
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = "reuse/second/")
  static class SecondSpec {
    @Test
    void nothingOfSpecARemains(Cluster cluster) {
      assertThat(cluster).isSameAs(FIRST.get());
      assertThat(cluster.spec().manifests()).containsExactly("reuse/second/");
      admitted(cluster, "reuse-b", marked("p", "reuse.policyprobe.test/verdict"));
      var client = cluster.client();
      assertThat(client.namespaces().withName("reuse-a").get()).isNull();
      assertThat(client.namespaces().withName("made-by-a").get()).isNull();
      assertThat(client.configMaps().inNamespace("reuse-a").withName("settings").get()).isNull();
      assertThat(TeamObjects.of(client.admissionRegistration().v1().validatingAdmissionPolicies().list().getItems())).isEmpty();
      assertThat(TeamObjects.of(client.admissionRegistration().v1().validatingAdmissionPolicyBindings().list().getItems())).isEmpty();
      assertThat(client.admissionRegistration().v1().validatingWebhookConfigurations().list().getItems())
          .as("no sentinel left behind either").isEmpty();
      assertThat(RunningCluster.of(cluster).appliedManifests().documents()).hasSize(1);
    }
  }

  /** The backend left to AUTO, a longer readyTimeout: neither needs other processes. */
  @PolicyCluster(manifests = "reuse/second/", readyTimeoutSeconds = 120)
  static class ThirdSpecUnderAuto {
    @Test
    void getsTheSameClusterWithItsOwnPolicies(Cluster cluster) {
      assertThat(cluster).isSameAs(FIRST.get());
      assertThat(cluster.spec().readyTimeout()).hasSeconds(120);
      admitted(cluster, "reuse-b", marked("p", "reuse.policyprobe.test/verdict"));
      assertThat(cluster.client().namespaces().withName("reuse-a").get()).isNull();
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "reuse/engines-first/", readyTimeoutSeconds = 180)
  static class FirstEngineSpec {
    @Test
    void enginePoliciesOfSpecA(Cluster cluster) {
      FIRST.set(cluster);
      denied(cluster, "reuse-engines-a", marked("k", "reuse.policyprobe.test/kyverno"),
          "marked pods are denied by spec A's Kyverno policy");
      denied(cluster, "reuse-engines-a", marked("g", "reuse.policyprobe.test/gatekeeper"),
          "marked pods are denied by spec A's Gatekeeper constraint");
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "reuse/engines-second/", readyTimeoutSeconds = 180)
  static class SecondEngineSpec {
    @Test
    void noEnginePolicyOfSpecARemains(Cluster cluster) {
      assertThat(cluster).isSameAs(FIRST.get());
      admitted(cluster, "reuse-engines-b", marked("k", "reuse.policyprobe.test/kyverno"));
      admitted(cluster, "reuse-engines-b", marked("g", "reuse.policyprobe.test/gatekeeper"));
      var client = cluster.client();
      assertThat(client.namespaces().withName("reuse-engines-a").get()).isNull();
      assertThat(TeamObjects.of(client.genericKubernetesResources("kyverno.io/v1", "ClusterPolicy").list().getItems())).isEmpty();
      assertThat(TeamObjects.of(client.genericKubernetesResources("templates.gatekeeper.sh/v1", "ConstraintTemplate").list().getItems()))
          .isEmpty();
      assertThat(client.apiextensions().v1().customResourceDefinitions().withName("reusedenymarked.constraints.gatekeeper.sh").get())
          .as("the constraint kind went with its template").isNull();
      assertThat(RunningCluster.of(cluster).isHealthy()).isTrue();
    }
  }
}
