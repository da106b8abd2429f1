package io.github.policyprobe.benchmark;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.profile.K10Profile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ten specs for the determinism benchmark: one pooled cluster with both engines swaps between
 * them. Every spec declares namespaces shop, billing and kasten-io, with other labels (tier, Pod
 * Security level) from spec to spec; the same ValidatingAdmissionPolicy bindings, Kyverno policy
 * and Gatekeeper constraint select namespaces by label; two policies deny FOWNER. Each class runs
 * the K10 profile over all three namespaces; whether it passes does not matter here, its verdict
 * records do: they must be the same, byte for byte, in every run.
 */
final class DeterminismSuite {
  private DeterminismSuite() {}

  static List<Class<?>> all() {
    return List.of(Spec01.class, Spec02.class, Spec03.class, Spec04.class, Spec05.class, Spec06.class,
        Spec07.class, Spec08.class, Spec09.class, Spec10.class);
  }

  static void check(Cluster cluster) {
    try {
      assertThat(cluster).permitsK10(K10Profile.installedIn("kasten-io").protecting("shop", "billing"));
    } catch (AssertionError expected) {
      // most specs deny something; the records are what the benchmark compares
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "determinism/spec01/", readyTimeoutSeconds = 180)
  static class Spec01 {
    @Test
    void k10(Cluster cluster) {
      check(cluster);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "determinism/spec02/", readyTimeoutSeconds = 180)
  static class Spec02 {
    @Test
    void k10(Cluster cluster) {
      check(cluster);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "determinism/spec03/", readyTimeoutSeconds = 180)
  static class Spec03 {
    @Test
    void k10(Cluster cluster) {
      check(cluster);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "determinism/spec04/", readyTimeoutSeconds = 180)
  static class Spec04 {
    @Test
    void k10(Cluster cluster) {
      check(cluster);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "determinism/spec05/", readyTimeoutSeconds = 180)
  static class Spec05 {
    @Test
    void k10(Cluster cluster) {
      check(cluster);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "determinism/spec06/", readyTimeoutSeconds = 180)
  static class Spec06 {
    @Test
    void k10(Cluster cluster) {
      check(cluster);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "determinism/spec07/", readyTimeoutSeconds = 180)
  static class Spec07 {
    @Test
    void k10(Cluster cluster) {
      check(cluster);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "determinism/spec08/", readyTimeoutSeconds = 180)
  static class Spec08 {
    @Test
    void k10(Cluster cluster) {
      check(cluster);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "determinism/spec09/", readyTimeoutSeconds = 180)
  static class Spec09 {
    @Test
    void k10(Cluster cluster) {
      check(cluster);
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, engines = {Engine.KYVERNO, Engine.GATEKEEPER},
      manifests = "determinism/spec10/", readyTimeoutSeconds = 180)
  static class Spec10 {
    @Test
    void k10(Cluster cluster) {
      check(cluster);
    }
  }
}
