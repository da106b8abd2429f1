package io.github.policyprobe.assertions;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 6: a probe against a cluster whose etcd died is an ERROR, fast, and never a pass. */
class CrashedClusterTest {

  @Test
  void probesAgainstADeadEtcdFailFastAsErrorsNamingIt() throws Exception {
    try (RunningCluster cluster = Clusters.start(ClusterSpec.defaults().withBackend(Backend.LOCAL))) {
      cluster.createNamespace("kasten-io", Map.of());
      ProcessHandle etcd = cluster.processes().get("etcd");
      etcd.destroyForcibly();
      etcd.onExit().get();

      long start = System.nanoTime();
      assertThatThrownBy(() -> assertThat(cluster).permitsK10In("kasten-io"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("ERROR")
          .hasMessageContaining("the cluster is down, etcd")
          .hasMessageNotContaining("ok    ADMITTED  cap-dac-override");
      org.assertj.core.api.Assertions.assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(Duration.ofSeconds(15));
    }
  }
}
