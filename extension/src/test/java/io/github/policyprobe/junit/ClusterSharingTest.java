package io.github.policyprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Test classes with equal settings share one cluster per run, under parallel execution too;
 * different settings get their own; all of them are stopped when the run ends.
 */
class ClusterSharingTest {
  static final Map<String, Cluster> SEEN = new ConcurrentHashMap<>();

  @Test
  void equalSettingsShareOneBootAndEverythingStopsAtTheEnd() {
    SEEN.clear();
    int bootsBefore = Clusters.bootCount();

    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        // All four at once. With JUnit's default (one thread a core) two run at a time on two
        // cores, and OtherSettingsSuite, started last, could find the shared cluster released
        // already and have it swapped to its manifests: one boot, and this test failing by timing.
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
        .selectors(selectClass(FirstSuite.class), selectClass(SecondSuite.class),
            selectClass(ThirdSuite.class), selectClass(OtherSettingsSuite.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(8).succeeded(8));

    assertThat(Clusters.bootCount() - bootsBefore).as("boots for two distinct settings").isEqualTo(2);
    assertThat(Set.copyOf(SEEN.values())).hasSize(2);
    assertThat(SEEN.get("first")).isSameAs(SEEN.get("second")).isSameAs(SEEN.get("third"));
    assertThat(SEEN.get("other")).isNotSameAs(SEEN.get("first"));
    // The run ended: JUnit's root store closed both clusters.
    assertThat(SEEN.values()).noneMatch(cluster -> RunningCluster.of(cluster).isHealthy());
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = "manifests/shared/")
  static class FirstSuite {
    @Test
    void one(Cluster cluster) {
      SEEN.put("first", cluster);
      assertThat(cluster.client().namespaces().withName("shared-suite").get()).isNotNull();
    }

    @Test
    void two(Cluster cluster) {
      assertThat(cluster).isSameAs(SEEN.getOrDefault("first", cluster));
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = "manifests/shared/")
  static class SecondSuite {
    @Test
    void one(Cluster cluster) {
      SEEN.put("second", cluster);
    }

    @Test
    void two(Cluster cluster) {
      assertThat(RunningCluster.of(cluster).isHealthy()).isTrue();
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = "manifests/shared/")
  static class ThirdSuite {
    private final Cluster fromConstructor;

    ThirdSuite(Cluster cluster) {
      this.fromConstructor = cluster;
    }

    @Test
    void one(Cluster cluster) {
      SEEN.put("third", cluster);
      assertThat(fromConstructor).isSameAs(cluster);
    }

    @Test
    void two() {
      assertThat(fromConstructor.client().namespaces().withName("shared-suite").get()).isNotNull();
    }
  }

  @PolicyCluster(backend = Backend.LOCAL)
  static class OtherSettingsSuite {
    @Test
    void one(Cluster cluster) {
      SEEN.put("other", cluster);
      assertThat(cluster.client().namespaces().withName("shared-suite").get()).isNull();
    }

    @Test
    void two(Cluster cluster) {
      assertThat(RunningCluster.of(cluster).appliedManifests().documents()).isEmpty();
    }
  }
}
