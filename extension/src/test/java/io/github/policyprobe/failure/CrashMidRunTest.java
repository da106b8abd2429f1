package io.github.policyprobe.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.cluster.BackendHandles;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.internal.local.LocalCluster;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.support.Pods;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * etcd or kube-apiserver dies while a test runs: the cluster says it is unhealthy at once, and
 * the next test class with the same settings gets a fresh cluster (the dead one is stopped and
 * its folder removed first).
 */
class CrashMidRunTest {
  static final AtomicReference<Crashed> ETCD_KILLED = new AtomicReference<>();
  static final AtomicReference<Crashed> API_SERVER_KILLED = new AtomicReference<>();

  @Test
  void aDeadProcessMakesTheClusterUnhealthyAndTheNextClassGetsAFreshCluster() {
    int bootsBefore = Clusters.bootCount();

    KitRun run = KitRun.of(
        Map.of("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation"),
        // Listed in reverse on purpose: the order comes from @Order.
        LaterSuite.class, ApiServerDiesMidRun.class, EtcdDiesMidRun.class);

    run.assertAllPassed(3);
    assertThat(Clusters.bootCount() - bootsBefore).as("boots: the first, and one after each crash")
        .isEqualTo(3);
    System.out.printf("crash mid-run: three classes, two crashes, three boots in %d ms%n", run.millis());
  }

  /**
   * Without the cluster's fail-fast check, the request would be retried by the HTTP client and
   * end after about 60 s (etcd: the API server's own request timeout) or 19 s (kube-apiserver:
   * connection refused, retried with back-off), with a message naming neither process.
   */

  @ParameterizedTest
  @ValueSource(strings = {"etcd", "kube-apiserver"})
  void theNextRequestFailsFastNamingTheDeadProcess(String process) throws Exception {
    try (RunningCluster cluster = Clusters.start(ClusterSpec.defaults().withBackend(Backend.LOCAL))) {
      cluster.createNamespace("crash", Map.of());
      var pods = cluster.client().pods().inNamespace("crash");
      assertThat(pods.resource(Pods.restrictedWithCapability("before", null)).dryRun().create())
          .as("a dry-run before the crash").isNotNull();

      ProcessHandle killed = RunningCluster.of(cluster).processes().get(process);
      kill(cluster, process);
      // "The next request" is the first one after the death: not one racing the SIGKILL.
      killed.onExit().get(10, TimeUnit.SECONDS);

      long start = System.nanoTime();
      assertThatThrownBy(() -> pods.resource(Pods.restrictedWithCapability("after", null)).dryRun().create())
          .hasMessageContaining(process);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
  }

  /** A cluster, and what it must not leave behind once replaced. */
  record Crashed(Cluster cluster, List<Long> pids, Path scratch) {
    static Crashed of(Cluster cluster) {
      return new Crashed(cluster, List.of(RunningCluster.of(cluster).processes().get("etcd").pid(),
          RunningCluster.of(cluster).processes().get("kube-apiserver").pid()),
          ((LocalCluster) BackendHandles.of(cluster)).scratchFolder());
    }
  }

  @KitOnly
  @Order(1)
  @PolicyCluster(backend = Backend.LOCAL)
  static class EtcdDiesMidRun {
    @Test
    void theClusterTurnsUnhealthy(Cluster cluster) throws InterruptedException {
      ETCD_KILLED.set(Crashed.of(cluster));
      assertThat(RunningCluster.of(cluster).isHealthy()).isTrue();

      kill(cluster, "etcd");

      awaitUnhealthy(cluster);
    }
  }

  @KitOnly
  @Order(2)
  @PolicyCluster(backend = Backend.LOCAL)
  static class ApiServerDiesMidRun {
    @Test
    void getsAFreshClusterThatTurnsUnhealthyWhenItsApiServerDies(Cluster cluster)
        throws InterruptedException {
      assertFreshAfter(cluster, ETCD_KILLED.get());
      API_SERVER_KILLED.set(Crashed.of(cluster));

      kill(cluster, "kube-apiserver");

      awaitUnhealthy(cluster);
    }
  }

  @KitOnly
  @Order(3)
  @PolicyCluster(backend = Backend.LOCAL)
  static class LaterSuite {
    @Test
    void getsAFreshHealthyCluster(Cluster cluster) {
      assertFreshAfter(cluster, API_SERVER_KILLED.get());
    }
  }

  /** {@code cluster} is not the crashed one, works, and the crashed one left nothing behind. */
  static void assertFreshAfter(Cluster cluster, Crashed dead) {
    assertThat(dead).as("the crashed cluster").isNotNull();
    assertThat(cluster).isNotSameAs(dead.cluster());
    assertThat(RunningCluster.of(cluster).isHealthy()).isTrue();
    cluster.createNamespace("after-crash", Map.of("pod-security.kubernetes.io/enforce", "restricted"));
    assertThat(cluster.client().pods().inNamespace("after-crash")
        .resource(Pods.restrictedWithCapability("probe", null)).dryRun().create()).isNotNull();

    assertThat(dead.scratch()).as("the crashed cluster's folder").doesNotExist();
    assertThat(Leftovers.processes(dead.pids(), dead.scratch()))
        .as("the crashed cluster's processes").isEmpty();
  }

  /** Kills one of the cluster's processes the way a crash would: at once, no cleanup. */
  static void kill(Cluster cluster, String process) {
    assertThat(RunningCluster.of(cluster).processes()).containsKey(process);
    RunningCluster.of(cluster).processes().get(process).destroyForcibly();
  }

  static void awaitUnhealthy(Cluster cluster) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (RunningCluster.of(cluster).isHealthy() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(RunningCluster.of(cluster).isHealthy()).as("Cluster.isHealthy() 5 s after the crash").isFalse();
  }
}
