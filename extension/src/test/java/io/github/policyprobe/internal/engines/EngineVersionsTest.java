package io.github.policyprobe.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.internal.pinned.PinnedEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** engine-binaries.sh builds what {@link PinnedEngine} pins: the same releases, modules and files. */
class EngineVersionsTest {

  @Test
  void theScriptPinsTheSameReleasesModulesAndFilesAsJava() throws IOException {
    String script;
    try (InputStream in = EngineBinaries.class.getResourceAsStream("engine-binaries.sh")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (PinnedEngine engine : PinnedEngine.values()) {
      String prefix = engine.name();
      PinnedEngine.LocalBuild build = engine.localBuild();
      assertThat(script).as(engine.toString())
          .contains(prefix + "_VERSION=\"${POLICYPROBE_" + prefix + "_VERSION:-" + engine.version() + "}\"")
          .contains(prefix + "_MODULE=" + build.module())
          .contains("$" + prefix + "_DEST/" + build.executable())
          .contains("engines/" + build.scriptName() + "-<version>");
      assertThat(build.scriptName()).isEqualTo(engine.name().toLowerCase(Locale.ROOT));
    }
    assertThat(PinnedEngine.KYVERNO.version()).matches("v1\\.19\\.\\d+");
    assertThat(PinnedEngine.GATEKEEPER.version()).matches("v3\\.23\\.\\d+");
  }

  @Test
  void theCacheFoldersAreTheScriptsFolders() {
    assertThat(EngineBinaries.folderOf(PinnedEngine.KYVERNO).toString())
        .endsWith("/engines/kyverno-" + PinnedEngine.KYVERNO.version());
    assertThat(EngineBinaries.folderOf(PinnedEngine.GATEKEEPER).toString())
        .endsWith("/engines/gatekeeper-" + PinnedEngine.GATEKEEPER.version());
  }
}
