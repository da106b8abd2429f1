package io.github.policyprobe.internal.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.ClusterSpec;
import org.junit.jupiter.api.Test;

/** A minor resolves to its newest known patch and its own etcd; what cannot resolve says why. */
class KubernetesVersionsTest {

  @Test
  void aMinorMeansItsNewestKnownPatch() {
    assertThat(KubernetesVersions.minors()).containsExactly("1.34", "1.35", "1.36", "1.37");
    assertThat(KubernetesVersions.resolve("1.36")).isEqualTo("v1.36.3");
    assertThat(KubernetesVersions.resolve(" v1.35 ")).isEqualTo("v1.35.4");
    assertThat(KubernetesVersions.resolve("1.34")).isEqualTo("v1.34.4");
    assertThat(KubernetesVersions.resolve("1.37")).isEqualTo("v1.37.2");
  }

  @Test
  void aFullReleaseIsTakenAsGiven() {
    assertThat(KubernetesVersions.resolve("1.36.1")).isEqualTo("v1.36.1");
    assertThat(KubernetesVersions.resolve("v1.34.2")).isEqualTo("v1.34.2");
    assertThat(ClusterSpec.defaults().withKubernetesVersion("1.37").kubernetesVersion()).isEqualTo("v1.37.2");
  }

  @Test
  void anUnknownMinorOrNoVersionIsRefusedWithWhatIsKnown() {
    assertThatThrownBy(() -> KubernetesVersions.resolve("1.40"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Kubernetes 1.40 is not a minor policyprobe knows; it knows 1.34, 1.35, 1.36, 1.37"
            + " (name a full release such as v1.40.0 to try another, with its binaries in the cache)");
    assertThatThrownBy(() -> KubernetesVersions.resolve("latest"))
        .hasMessage("Kubernetes version 'latest' is not a version: give a minor such as 1.36, or a release such as v1.36.3");
  }

  @Test
  void aListKeepsItsOrderAndDropsRepeats() {
    assertThat(KubernetesVersions.resolveAll("1.37, 1.34,,v1.37.2")).containsExactly("v1.37.2", "v1.34.4");
  }

  @Test
  void eachMinorRunsWithTheEtcdOfItsOwnRelease() {
    assertThat(KubernetesVersions.etcdFor("v1.34.4")).hasValue("v3.6.16");
    assertThat(KubernetesVersions.etcdFor("v1.36.1")).hasValue("v3.6.16");
    assertThat(KubernetesVersions.etcdFor("v1.37.2")).hasValue("v3.7.3");
    assertThat(KubernetesVersions.etcdFor("v1.33.5")).isEmpty();
  }

  @Test
  void mutatingAdmissionPolicyIsSwitchedOnWhereItIsBeta() {
    assertThat(KubernetesVersions.apiServerDefaults("v1.34.4")).containsExactly(
        "--feature-gates=MutatingAdmissionPolicy=true", "--runtime-config=admissionregistration.k8s.io/v1beta1=true");
    assertThat(KubernetesVersions.apiServerDefaults("v1.35.4")).hasSize(2);
    assertThat(KubernetesVersions.apiServerDefaults("v1.36.3")).isEmpty();
    assertThat(KubernetesVersions.apiServerDefaults("v1.37.2")).isEmpty();
    // the user's flags come after policyprobe's, so that they can switch it off again
    assertThat(ClusterSpec.defaults().withKubernetesVersion("1.34")
            .withApiServerArgs(java.util.List.of("--feature-gates=MutatingAdmissionPolicy=false"))
            .effectiveApiServerArgs())
        .endsWith("--feature-gates=MutatingAdmissionPolicy=false").hasSize(3);
  }

  @Test
  void k3sBootsTheFirstBuildOfTheRelease() {
    assertThat(KubernetesVersions.k3sImageFor("v1.37.2")).isEqualTo("rancher/k3s:v1.37.2-k3s1");
  }
}
