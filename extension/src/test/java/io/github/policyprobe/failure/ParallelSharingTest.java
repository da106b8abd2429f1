package io.github.policyprobe.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.support.Pods;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Four test classes with equal settings under JUnit's parallel execution, twenty runs in a row:
 * every run boots exactly one cluster, every test passes, and the cluster is stopped at the end.
 */
class ParallelSharingTest {
  private static final int RUNS = 20;
  private static final int TESTS_PER_RUN = 12;
  private static final Map<String, String> PARALLEL = Map.of(
      "junit.jupiter.execution.parallel.enabled", "true",
      "junit.jupiter.execution.parallel.mode.default", "concurrent",
      "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
      "junit.jupiter.execution.parallel.config.strategy", "fixed",
      "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

  static final Set<Cluster> SEEN = ConcurrentHashMap.newKeySet();
  static final AtomicInteger RUNNING = new AtomicInteger();
  static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

  @Test
  void fourClassesShareOneBootInEachOfTwentyRuns() {
    int mostAtOnce = 0;
    for (int run = 1; run <= RUNS; run++) {
      SEEN.clear();
      MOST_AT_ONCE.set(0);
      int bootsBefore = Clusters.bootCount();

      KitRun kit = KitRun.of(PARALLEL, First.class, Second.class, Third.class, Fourth.class)
          .assertAllPassed(TESTS_PER_RUN);

      assertThat(Clusters.bootCount() - bootsBefore).as("boots in run %d", run).isEqualTo(1);
      assertThat(SEEN).as("clusters the tests of run %d got", run).hasSize(1);
      assertThat(RunningCluster.of(SEEN.iterator().next()).isHealthy()).as("cluster of run %d after the run", run).isFalse();
      mostAtOnce = Math.max(mostAtOnce, MOST_AT_ONCE.get());
      System.out.printf("parallel run %d: %d tests in %d ms, at most %d at once%n",
          run, TESTS_PER_RUN, kit.millis(), MOST_AT_ONCE.get());
    }
    assertThat(mostAtOnce).as("tests that ran at the same time").isGreaterThan(1);
  }

  /** What each test does: a namespace of its own, then one denied and one admitted dry-run. */
  static void probe(Cluster cluster, String namespace) {
    MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
    try {
      SEEN.add(cluster);
      cluster.createNamespace(namespace, Map.of("pod-security.kubernetes.io/enforce", "restricted"));
      var pods = cluster.client().pods().inNamespace(namespace);
      assertThatThrownBy(() -> pods.resource(Pods.restrictedWithCapability("k10", "DAC_OVERRIDE")).dryRun().create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getMessage()).contains("violates PodSecurity \"restricted:latest\"");
          });
      assertThat(pods.resource(Pods.restrictedWithCapability("plain", null)).dryRun().create()
          .getMetadata().getNamespace()).isEqualTo(namespace);
    } finally {
      RUNNING.decrementAndGet();
    }
  }

  @KitOnly
  @PolicyCluster(backend = Backend.LOCAL)
  static class First {
    @Test void a(Cluster cluster) { probe(cluster, "first-a"); }
    @Test void b(Cluster cluster) { probe(cluster, "first-b"); }
    @Test void c(Cluster cluster) { probe(cluster, "first-c"); }
  }

  @KitOnly
  @PolicyCluster(backend = Backend.LOCAL)
  static class Second {
    @Test void a(Cluster cluster) { probe(cluster, "second-a"); }
    @Test void b(Cluster cluster) { probe(cluster, "second-b"); }
    @Test void c(Cluster cluster) { probe(cluster, "second-c"); }
  }

  @KitOnly
  @PolicyCluster(backend = Backend.LOCAL)
  static class Third {
    @Test void a(Cluster cluster) { probe(cluster, "third-a"); }
    @Test void b(Cluster cluster) { probe(cluster, "third-b"); }
    @Test void c(Cluster cluster) { probe(cluster, "third-c"); }
  }

  @KitOnly
  @PolicyCluster(backend = Backend.LOCAL)
  static class Fourth {
    @Test void a(Cluster cluster) { probe(cluster, "fourth-a"); }
    @Test void b(Cluster cluster) { probe(cluster, "fourth-b"); }
    @Test void c(Cluster cluster) { probe(cluster, "fourth-c"); }
  }
}
