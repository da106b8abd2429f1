package io.github.policyprobe.internal.versions;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.internal.local.KubeBinaries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void kubeBinariesShPinsTheSameVersionsAsJava() throws IOException {
    String script;
    try (InputStream in = KubeBinaries.class.getResourceAsStream("kube-binaries.sh")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(script).contains("K8S_VERSION=\"${POLICYPROBE_K8S_VERSION:-" + Versions.KUBERNETES + "}\"");
    for (String minor : KubernetesVersions.minors()) {
      String release = KubernetesVersions.resolve(minor);
      assertThat(script).as("the script's etcd for " + minor)
          .contains("  v" + minor + ".*) DEFAULT_ETCD=" + KubernetesVersions.etcdFor(release).orElseThrow() + " ;;");
    }
  }

  @Test
  void theDefaultIsAKnownMinorsNewestPatchWithItsEtcd() {
    assertThat(KubernetesVersions.resolve(KubernetesVersions.minorOf(Versions.KUBERNETES))).isEqualTo(Versions.KUBERNETES);
    assertThat(KubernetesVersions.etcdFor(Versions.KUBERNETES)).hasValue(Versions.ETCD);
  }

  @Test
  void theK3sImageIsOfTheSameKubernetesRelease() {
    assertThat(Versions.KUBERNETES).matches("v1\\.3[6-9]\\.\\d+");
    assertThat(Versions.K3S_IMAGE).isEqualTo("rancher/k3s:" + Versions.KUBERNETES + "-k3s1");
    assertThat(Versions.ETCD).matches("v3\\.[56]\\.\\d+");
  }
}
