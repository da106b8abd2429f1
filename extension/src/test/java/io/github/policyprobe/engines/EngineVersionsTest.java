package io.github.policyprobe.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EngineVersionsTest {

  @Test
  void theScriptPinsTheSameVersionsAsJava() throws IOException {
    String script;
    try (InputStream in = EngineBinaries.class.getResourceAsStream("engine-binaries.sh")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(script)
        .contains("KYVERNO_VERSION=\"${POLICYPROBE_KYVERNO_VERSION:-" + EngineVersions.KYVERNO + "}\"")
        .contains("GATEKEEPER_VERSION=\"${POLICYPROBE_GATEKEEPER_VERSION:-" + EngineVersions.GATEKEEPER + "}\"");
    assertThat(EngineVersions.KYVERNO).matches("v1\\.19\\.\\d+");
    assertThat(EngineVersions.GATEKEEPER).matches("v3\\.23\\.\\d+");
  }

  @Test
  void theCacheFoldersAreTheScriptsFolders() {
    assertThat(EngineBinaries.Build.KYVERNO.folder().toString()).endsWith("/engines/kyverno-" + EngineVersions.KYVERNO);
    assertThat(EngineBinaries.Build.GATEKEEPER.folder().toString()).endsWith("/engines/gatekeeper-" + EngineVersions.GATEKEEPER);
  }
}
