package io.github.policyprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart manifests in the repository are what the pinned charts render today: the charts that
 * live in Go modules (Cilium, Kyverno, Gatekeeper) are rendered again with policyprobe's helm and
 * compared byte for byte, so a profile can never drift from its chart unnoticed.
 */
class ChartFixturesTest {
  private static final List<String> RENDERED_HERE = List.of("cilium-1.19.6.yaml", "kyverno-3.9.0.yaml",
      "gatekeeper-3.23.0.yaml", "cilium-1.20.2.yaml", "cilium-1.20.2-privileged.yaml");

  @Test
  void theCommittedManifestsAreWhatTheChartsRenderToday(@TempDir Path out) throws Exception {
    Path script = Path.of("..", "scripts", "render-chart-fixtures.sh").toAbsolutePath().normalize();
    Process render = new ProcessBuilder("bash", script.toString(), out.toString()).redirectErrorStream(true).start();
    String log = new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(render.waitFor(20, TimeUnit.MINUTES)).as("render-chart-fixtures.sh finished").isTrue();
    assertThat(render.exitValue()).as("render-chart-fixtures.sh failed:\n" + log).isZero();
    for (String name : RENDERED_HERE) {
      assertThat(Files.readString(out.resolve(name))).as(name + " rendered again")
          .isEqualTo(Files.readString(committed(name)));
    }
  }

  private static Path committed(String name) throws URISyntaxException, IOException {
    for (String folder : List.of(ShippedProfile.FOLDER, "charts/")) {
      var url = ChartFixturesTest.class.getClassLoader().getResource(folder + name);
      if (url != null) {
        return Path.of(url.toURI());
      }
    }
    throw new IOException(name + " is neither a shipped nor a test chart manifest");
  }
}
