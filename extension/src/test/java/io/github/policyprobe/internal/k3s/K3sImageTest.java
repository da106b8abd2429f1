package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.versions.Versions;
import org.junit.jupiter.api.Test;

class K3sImageTest {
  private static final ClusterSpec K3S = ClusterSpec.defaults().withBackend(Backend.K3S);

  @Test
  void thePinnedImageByDefault() {
    assertThat(K3sImage.of(K3S)).isEqualTo(Versions.K3S_IMAGE);
  }

  @Test
  void kubernetesVersionAloneSelectsTheMatchingK3sImage() {
    assertThat(K3sImage.of(K3S.withKubernetesVersion("v1.34.2"))).isEqualTo("rancher/k3s:v1.34.2-k3s1");
  }

  @Test
  void k3sImageAloneIsBootedAsGiven() {
    assertThat(K3sImage.of(K3S.withK3sImage("mirror.example/rancher/k3s:v1.33.5-k3s2")))
        .isEqualTo("mirror.example/rancher/k3s:v1.33.5-k3s2");
  }

  @Test
  void bothNamingTheSameReleaseIsFine() {
    ClusterSpec spec = K3S.withKubernetesVersion("v1.34.2").withK3sImage("mirror.example/rancher/k3s:v1.34.2-k3s2");

    assertThat(K3sImage.of(spec)).isEqualTo("mirror.example/rancher/k3s:v1.34.2-k3s2");
  }

  @Test
  void bothDisagreeingFailsNamingBoth() {
    ClusterSpec spec = K3S.withKubernetesVersion("v1.34.2").withK3sImage("rancher/k3s:v1.33.5-k3s1");

    assertThatThrownBy(() -> K3sImage.of(spec))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageStartingWith("kubernetesVersion v1.34.2 and k3sImage rancher/k3s:v1.33.5-k3s1 disagree:"
            + " the image runs Kubernetes v1.33.5")
        .hasMessageContaining("kubernetesVersion alone boots rancher/k3s:v1.34.2-k3s1");
  }

  @Test
  void anImageWhoseTagNamesNoVersionCannotBeCheckedAgainstAVersion() {
    ClusterSpec spec = K3S.withKubernetesVersion("v1.34.2").withK3sImage("mirror.example/k3s:latest");

    assertThatThrownBy(() -> K3sImage.of(spec))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("names no Kubernetes version in its tag");
  }
}
