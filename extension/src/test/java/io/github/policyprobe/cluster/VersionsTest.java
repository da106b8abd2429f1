package io.github.policyprobe.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.local.KubeBinaries;
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
    assertThat(script)
        .contains("K8S_VERSION=\"${POLICYPROBE_K8S_VERSION:-" + Versions.KUBERNETES + "}\"")
        .contains("ETCD_VERSION=\"${POLICYPROBE_ETCD_VERSION:-" + Versions.ETCD + "}\"");
  }

  @Test
  void theK3sImageIsOfTheSameKubernetesRelease() {
    assertThat(Versions.KUBERNETES).matches("v1\\.34\\.\\d+");
    assertThat(Versions.K3S_IMAGE).isEqualTo("rancher/k3s:" + Versions.KUBERNETES + "-k3s1");
    assertThat(Versions.ETCD).matches("v3\\.[56]\\.\\d+");
  }
}
