package io.github.policyprobe.benchmark;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.profile.K10Profile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Test classes with identical {@code @PolicyCluster} settings, which the benchmark runs through
 * the JUnit Platform Launcher to count boots per JVM run (it must be one). They are nested, so
 * that a plain {@code mvn test} (which skips nested classes) does not run them.
 */
final class SameSettingsClasses {
  private SameSettingsClasses() {}

  static List<Class<?>> all() {
    return List.of(First.class, Second.class, Third.class, Fourth.class);
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = PolicyProbeBenchmark.POLICIES)
  static class First {
    @Test
    void k10InItsExceptionNamespaces(Cluster cluster) {
      assertThat(cluster).permitsK10(K10Profile.installedIn("kasten-io").protecting("shop"));
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = PolicyProbeBenchmark.POLICIES)
  static class Second {
    @Test
    void k10WithPrometheusOff(Cluster cluster) {
      assertThat(cluster).permitsK10(K10Profile.installedIn("kasten-io").withoutPrometheus());
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = PolicyProbeBenchmark.POLICIES)
  static class Third {
    @Test
    void k10WithItsStorageSecurityContext(Cluster cluster) {
      assertThat(cluster).permitsK10(K10Profile.installedIn("kasten-io").withStorageSecurityContext(1000, 1000));
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = PolicyProbeBenchmark.POLICIES)
  static class Fourth {
    @Test
    void k10WithNfsGroupFromTheAllowedList(Cluster cluster) {
      assertThat(cluster).permitsK10(K10Profile.installedIn("kasten-io").withNfsSupplementalGroup(65534));
    }
  }
}
