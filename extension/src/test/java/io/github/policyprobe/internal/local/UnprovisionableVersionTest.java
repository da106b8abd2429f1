package io.github.policyprobe.internal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.process.Mirror;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version that cannot be provisioned fails with the version and what was tried, and leaves no
 * folder behind; nothing falls back to another version. Downloads go to a loopback port nothing
 * listens on, so they fail at once, as they would in a closed network.
 */
class UnprovisionableVersionTest {
  @TempDir Path cache;

  @BeforeEach
  void emptyCacheAndNoDownloads() {
    System.setProperty("policyprobe.cache", cache.toString());
    System.setProperty(Mirror.PROPERTY, "http://127.0.0.1:1");
  }

  @AfterEach
  void restore() {
    System.clearProperty("policyprobe.cache");
    System.clearProperty(Mirror.PROPERTY);
  }

  @Test
  void aMinorWhoseEtcdIsUnknownFailsBeforeAnythingIsTried() {
    assertThatThrownBy(() -> KubeBinaries.forVersion("v1.33.5"))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageStartingWith("Kubernetes v1.33.5: policyprobe does not know which etcd release Kubernetes 1.33"
            + " runs with (it knows 1.34, 1.35, 1.36, 1.37)");
    assertThat(cache.resolve("k8s/v1.33.5")).doesNotExist();
  }

  @Test
  void aReleaseNobodyPublishedFailsNamingItAndEachSourceTried() {
    assertThatThrownBy(() -> KubeBinaries.forVersion("v1.36.99"))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageStartingWith("Kubernetes v1.36.99 cannot be provisioned (tried the cache " + cache.resolve("k8s/v1.36.99")
            + ", release downloads, then a build from Go modules)")
        .hasMessageContaining("127.0.0.1:1/dl.k8s.io/release/v1.36.99/bin/linux/")
        .hasMessageContaining("k8s.io/kubernetes@v1.36.99");
    assertThat(Files.exists(cache.resolve("k8s/v1.36.99/kube-apiserver"))).isFalse();
  }
}
