package io.github.policyprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A class that needs more policies names them on a @Nested class (README "Writing a suite"): the
 * nested tests get a cluster with that set while the enclosing class still holds its own.
 */
class NestedPolicySetTest {
  static final Map<String, Cluster> SEEN = new ConcurrentHashMap<>();

  @Test
  void aNestedClassGetsItsOwnPolicySetAndTheOuterKeepsItsOwn() {
    SEEN.clear();
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(Outer.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(3).succeeded(3));

    assertThat(SEEN.get("outer-second")).isSameAs(SEEN.get("outer-first"));
    assertThat(SEEN.get("inner")).isNotSameAs(SEEN.get("outer-first"));
    assertThat(SEEN.get("outer-first").spec().manifests()).as("the outer cluster was not swapped")
        .containsExactly("manifests/shared/");
    assertThat(SEEN.get("inner").spec().manifests()).containsExactly("reuse/second/");
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = "manifests/shared/")
  static class Outer {
    @Test
    void first(Cluster cluster) {
      SEEN.put("outer-first", cluster);
      assertThat(cluster.client().namespaces().withName("shared-suite").get()).isNotNull();
    }

    @Nested
    @PolicyCluster(backend = Backend.LOCAL, manifests = "reuse/second/")
    class Inner {
      @Test
      void seesItsOwnSet(Cluster cluster) {
        SEEN.put("inner", cluster);
        assertThat(cluster.spec().manifests()).containsExactly("reuse/second/");
        assertThat(cluster.client().namespaces().withName("shared-suite").get()).isNull();
      }
    }

    @Test
    void second(Cluster cluster) {
      SEEN.put("outer-second", cluster);
    }
  }
}
