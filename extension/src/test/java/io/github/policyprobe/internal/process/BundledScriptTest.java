package io.github.policyprobe.internal.process;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        .isInstanceOf(ProvisioningException.class)
        .hasMessageContaining("could not provide the stand-in (stand-in-provisioner.sh failed)")
        .hasMessageContaining("cache=" + BinaryCache.root() + " version=v9 args=fail")
        .hasMessageContaining("it went wrong");
  }

  @Test
  void theMirrorSettingReachesTheScript() {
    String before = System.getProperty(Mirror.PROPERTY);
    try {
      System.setProperty(Mirror.PROPERTY, "http://127.0.0.1:9/mirror/");
      assertThatThrownBy(() -> BundledScript.run(BundledScriptTest.class, "stand-in-provisioner.sh",
          List.of("fail"), Map.of("SOME_VERSION", "v9"), "the stand-in"))
          .hasMessageContaining("args=fail mirror=http://127.0.0.1:9/mirror\n");
    } finally {
      if (before == null) {
        System.clearProperty(Mirror.PROPERTY);
      } else {
        System.setProperty(Mirror.PROPERTY, before);
      }
    }
  }
}
