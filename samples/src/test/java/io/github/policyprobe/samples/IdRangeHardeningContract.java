package io.github.policyprobe.samples;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.profile.K10Profile;
import org.junit.jupiter.api.Test;

/**
 * Scenarios 3 and 5: the hardening most teams write once Pod Security is not enough. IDs pinned
 * to 10000-20000, fsGroup and supplemental groups likewise, containers may add only
 * NET_BIND_SERVICE; namespaces labelled {@code k10.platform.example.com/exception=granted} (K10's
 * own, and those it protects) may also use K10's IDs and capabilities.
 *
 * <p>The same contract holds for the rules written as ValidatingAdmissionPolicies, as Kyverno
 * ClusterPolicies and as Gatekeeper constraints: each subclass only names its policy set.
 */
abstract class IdRangeHardeningContract {

  /** The engine that must be the one denying. */
  abstract Engine engine();

  @Test
  void k10WorksWhereTheExceptionIsGranted(Cluster cluster) {
    assertThat(cluster).permitsK10(K10Profile.installedIn("kasten-io").protecting("shop")
        .withStorageSecurityContext(15000, 15001, 15002)
        .withNfsSupplementalGroup(15500));
  }

  @Test
  void k10CannotRestoreIntoANamespaceWithoutTheException(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster)
            .permitsK10(K10Profile.installedIn("kasten-io").protecting("billing")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("billing (application namespace)")
        .hasMessageContaining("FAIL  DENIED    uid-gid-1000")
        .hasMessageContaining("FAIL  DENIED    fsgroup-1000")
        .hasMessageContaining("FAIL  DENIED    cap-dac-override")
        .hasMessageContaining("by " + engine().displayName());
  }

  @Test
  void anNfsGroupOutsideTheRangeIsCaught(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster)
            .permitsK10(K10Profile.installedIn("kasten-io").withNfsSupplementalGroup(3000)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FAIL  DENIED    nfs-supplemental-group")
        .hasMessageContaining("1 of");
  }

  @Test
  void aStorageSecurityContextOutsideTheRangeIsCaught(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10(K10Profile.installedIn("kasten-io")
            .protecting("shop").withStorageSecurityContext(5000, 5001)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FAIL  DENIED    storage-security-context");
  }

  @Test
  void theHardeningBitesWithoutTheException(Cluster cluster) {
    assertThat(cluster).denies(pod("k10-uid", 1000L, null)).in("billing").by(engine());
    assertThat(cluster).denies(pod("dac-override", 12000L, "DAC_OVERRIDE")).in("billing").by(engine());
    assertThat(cluster).admits(pod("in-range", 12000L, "NET_BIND_SERVICE")).in("billing");
  }

  @Test
  void theExceptionIsNoBroaderThanK10Needs(Cluster cluster) {
    assertThat(cluster).denies(pod("root-ish", 500L, null)).in("kasten-io").by(engine());
    assertThat(cluster).denies(pod("sys-admin", 1000L, "SYS_ADMIN")).in("shop").by(engine());
  }

  private static Pod pod(String name, Long uid, String capability) {
    PodBuilder builder = new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec()
          .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(uid).withRunAsGroup(uid)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
          .endSecurityContext()
          .addNewContainer().withName("app").withImage("registry.k8s.io/pause:3.10")
            .withNewSecurityContext().withAllowPrivilegeEscalation(false)
              .withNewCapabilities().withDrop("ALL").endCapabilities()
            .endSecurityContext()
          .endContainer()
        .endSpec();
    Pod pod = builder.build();
    if (capability != null) {
      pod.getSpec().getContainers().get(0).getSecurityContext().getCapabilities().getAdd().add(capability);
    }
    return pod;
  }
}
