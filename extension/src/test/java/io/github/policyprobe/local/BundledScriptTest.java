package io.github.policyprobe.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.ClusterStartException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundledScriptTest {

  @Test
  void runsTheScriptFromTheClassPathWithTheCacheAndGivenEnvironment() {
    assertThatCode(() -> BundledScript.run(BundledScriptTest.class, "stand-in-provisioner.sh",
        List.of("ok"), Map.of("SOME_VERSION", "v9"), "the stand-in")).doesNotThrowAnyException();
  }

  @Test
  void aFailingScriptIsReportedWithItsWholeOutput() {
    assertThatThrownBy(() -> BundledScript.run(BundledScriptTest.class, "stand-in-provisioner.sh",
        List.of("fail"), Map.of("SOME_VERSION", "v9"), "the stand-in"))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("could not provide the stand-in (stand-in-provisioner.sh failed)")
        .hasMessageContaining("cache=" + KubeBinaries.cacheRoot() + " version=v9 args=fail")
        .hasMessageContaining("it went wrong");
  }
}
