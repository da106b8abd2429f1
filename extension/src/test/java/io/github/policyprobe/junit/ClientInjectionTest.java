package io.github.policyprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A KubernetesClient is injected wherever a Cluster is: the cluster's own, ready to use. */
@PolicyCluster(backend = Backend.LOCAL, manifests = "manifests/ordering/")
class ClientInjectionTest {
  private static KubernetesClient fromBeforeAll;
  private final KubernetesClient fromConstructor;

  ClientInjectionTest(KubernetesClient client) {
    this.fromConstructor = client;
  }

  @BeforeAll
  static void remember(KubernetesClient client) {
    fromBeforeAll = client;
  }

  @Test
  void theClientIsTheClustersOwnInConstructorsLifecycleMethodsAndTests(KubernetesClient client, Cluster cluster) {
    assertThat(client).isSameAs(cluster.client()).isSameAs(fromConstructor).isSameAs(fromBeforeAll);
    // It talks to the cluster whose manifests were applied.
    assertThat(client.configMaps().inNamespace("shop").withName("settings").get()).isNotNull();
    assertThat(client.getMasterUrl().getHost()).isEqualTo("127.0.0.1");
  }
}
