package io.github.policyprobe.benchmark;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.PodChanges;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A platform repo's natural layout: one test class per policy set, four with Kyverno and four with
 * Gatekeeper, each set denying another capability (samples/src/test/resources/benchmark/). The
 * benchmark runs them through the Launcher with cluster reuse on and off. Nested, so that a plain
 * {@code mvn test} does not run them.
 */
final class EngineSuiteClasses {
  private EngineSuiteClasses() {}

  static List<Class<?>> all() {
    return List.of(Kyverno1.class, Kyverno2.class, Kyverno3.class, Kyverno4.class,
        Gatekeeper1.class, Gatekeeper2.class, Gatekeeper3.class, Gatekeeper4.class);
  }

  /** K10 still runs, and the set's capability is denied by its engine. */
  static void check(Cluster cluster, int set, String capability, Engine engine) {
    assertThat(cluster).permitsK10In("kasten-io");
    assertThat(cluster).denies(NeutralTemplate.restricted().with(PodChanges.addCapabilities(capability))
        .pod("bench")).in("shop-" + set).by(engine);
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = Engine.KYVERNO, readyTimeoutSeconds = 180,
      manifests = "benchmark/kyverno-1/")
  static class Kyverno1 {
    @Test
    void k10RunsAndSysAdminIsDenied(Cluster cluster) {
      check(cluster, 1, "SYS_ADMIN", Engine.KYVERNO);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = Engine.KYVERNO, readyTimeoutSeconds = 180,
      manifests = "benchmark/kyverno-2/")
  static class Kyverno2 {
    @Test
    void k10RunsAndNetAdminIsDenied(Cluster cluster) {
      check(cluster, 2, "NET_ADMIN", Engine.KYVERNO);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = Engine.KYVERNO, readyTimeoutSeconds = 180,
      manifests = "benchmark/kyverno-3/")
  static class Kyverno3 {
    @Test
    void k10RunsAndSysPtraceIsDenied(Cluster cluster) {
      check(cluster, 3, "SYS_PTRACE", Engine.KYVERNO);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = Engine.KYVERNO, readyTimeoutSeconds = 180,
      manifests = "benchmark/kyverno-4/")
  static class Kyverno4 {
    @Test
    void k10RunsAndNetRawIsDenied(Cluster cluster) {
      check(cluster, 4, "NET_RAW", Engine.KYVERNO);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = Engine.GATEKEEPER, readyTimeoutSeconds = 180,
      manifests = "benchmark/gatekeeper-1/")
  static class Gatekeeper1 {
    @Test
    void k10RunsAndSysAdminIsDenied(Cluster cluster) {
      check(cluster, 1, "SYS_ADMIN", Engine.GATEKEEPER);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = Engine.GATEKEEPER, readyTimeoutSeconds = 180,
      manifests = "benchmark/gatekeeper-2/")
  static class Gatekeeper2 {
    @Test
    void k10RunsAndNetAdminIsDenied(Cluster cluster) {
      check(cluster, 2, "NET_ADMIN", Engine.GATEKEEPER);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = Engine.GATEKEEPER, readyTimeoutSeconds = 180,
      manifests = "benchmark/gatekeeper-3/")
  static class Gatekeeper3 {
    @Test
    void k10RunsAndSysPtraceIsDenied(Cluster cluster) {
      check(cluster, 3, "SYS_PTRACE", Engine.GATEKEEPER);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = Engine.GATEKEEPER, readyTimeoutSeconds = 180,
      manifests = "benchmark/gatekeeper-4/")
  static class Gatekeeper4 {
    @Test
    void k10RunsAndNetRawIsDenied(Cluster cluster) {
      check(cluster, 4, "NET_RAW", Engine.GATEKEEPER);
    }
  }
}
