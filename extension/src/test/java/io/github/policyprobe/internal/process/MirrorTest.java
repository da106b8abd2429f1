package io.github.policyprobe.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** One rule for every download: https://<host>/<path> becomes <mirror>/<host>/<path>. */
class MirrorTest {

  @Test
  void anUpstreamUrlIsFetchedFromItsHostsFolderOnTheMirror() {
    assertThat(Mirror.resolve("https://artifacts.example/policyprobe", URI.create(
        "https://github.com/kyverno/kyverno/releases/download/v1.19.0/install.yaml")))
        .hasToString("https://artifacts.example/policyprobe/github.com/kyverno/kyverno/releases/download/v1.19.0/install.yaml");
    assertThat(Mirror.resolve("http://127.0.0.1:8080", URI.create("https://dl.k8s.io/release/v1.34.4/bin/linux/amd64/kube-apiserver")))
        .hasToString("http://127.0.0.1:8080/dl.k8s.io/release/v1.34.4/bin/linux/amd64/kube-apiserver");
  }

  @Test
  void onlyHttpsUrlsAreMirrored() {
    assertThatThrownBy(() -> Mirror.resolve("http://127.0.0.1:8080", URI.create("file:///etc/passwd")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("only https URLs are mirrored: file:///etc/passwd");
  }

  @Test
  void theSettingIsTrimmedOfATrailingSlashAndUnsetWhenBlank() {
    String before = System.getProperty(Mirror.PROPERTY);
    try {
      System.setProperty(Mirror.PROPERTY, " http://127.0.0.1:8080/ ");
      assertThat(Mirror.base()).contains("http://127.0.0.1:8080");
      assertThat(Mirror.resolve(URI.create("https://dl.k8s.io/x"))).hasToString("http://127.0.0.1:8080/dl.k8s.io/x");
      System.setProperty(Mirror.PROPERTY, " ");
      assertThat(Mirror.resolve(URI.create("https://dl.k8s.io/x"))).hasToString("https://dl.k8s.io/x");
    } finally {
      if (before == null) {
        System.clearProperty(Mirror.PROPERTY);
      } else {
        System.setProperty(Mirror.PROPERTY, before);
      }
    }
  }
}
