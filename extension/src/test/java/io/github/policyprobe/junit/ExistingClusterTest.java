package io.github.policyprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.local.LocalControlPlane;
import io.github.policyprobe.support.Pods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * -Dpolicyprobe.kubeconfig points a suite at a running cluster: nothing boots, manifests are not
 * applied, nothing is created; probes are dry-runs.
 */
class ExistingClusterTest {
  static final AtomicReference<Cluster> SEEN = new AtomicReference<>();

  @Test
  void aSuiteRunsAgainstAnExistingClusterWithoutChangingIt(@TempDir Path folder) throws Exception {
    try (var running = new LocalControlPlane().start(ClusterSpec.defaults().withBackend(Backend.LOCAL))) {
      Path kubeconfig = Files.writeString(folder.resolve("staging.kubeconfig"), running.kubeconfigYaml());
      System.setProperty(ClusterSpecs.KUBECONFIG_PROPERTY, kubeconfig.toString());
      try {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(StagingSuite.class)).execute()
            .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
      } finally {
        System.clearProperty(ClusterSpecs.KUBECONFIG_PROPERTY);
      }
      assertThat(SEEN.get().backend()).isEqualTo(Backend.EXISTING);
      assertThat(running.isHealthy()).as("the existing cluster is not stopped by the suite").isTrue();
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = "manifests/shared/")
  static class StagingSuite {
    @Test
    void probesWithoutPersisting(Cluster cluster) {
      SEEN.set(cluster);
      assertThat(cluster.isExisting()).isTrue();
      assertThat(cluster.client().namespaces().withName("shared-suite").get())
          .as("manifests are not applied to an existing cluster unless asked").isNull();
      assertThatThrownBy(() -> cluster.createNamespace("scratch", Map.of()))
          .hasMessageContaining("policyprobe only sends dry-runs there");
      var admitted = cluster.client().pods().inNamespace("default")
          .resource(Pods.restrictedWithCapability("probe", null)).dryRun().create();
      assertThat(admitted.getMetadata().getName()).isEqualTo("probe");
      assertThat(cluster.client().pods().inNamespace("default").list().getItems()).isEmpty();
    }
  }
}
