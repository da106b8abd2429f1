package io.github.policyprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** fromHelmChart renders with the cached helm, values files in order, and names the chart in errors. */
class HelmChartProfileTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(HelmChartProfileTest.class.getClassLoader().getResource(name).toURI());
  }

  @Test
  void rendersTheChartWithItsValuesInTheGivenNamespace() throws URISyntaxException {
    RequirementProfile defaults = RequirementProfile.fromHelmChart(resource("helm/acme"), "tools");
    assertThat(defaults.name()).isEqualTo("acme");
    assertThat(defaults.installNamespace()).isEqualTo("tools");
    assertThat(defaults.requirements()).extracting(Requirement::id)
        .contains("daemonset.acme-agent", "daemonset.acme-agent.container.agent.hostPort.9100")
        .doesNotContain("daemonset.acme-agent.container.agent.privileged");

    RequirementProfile privileged = RequirementProfile.fromHelmChart(resource("helm/acme"), "tools",
        resource("helm/privileged-values.yaml"));
    assertThat(RequirementProfile.diff(defaults, privileged).added()).extracting(Requirement::id)
        .containsExactly("daemonset.acme-agent.container.agent.privileged");
  }

  @Test
  void aMissingChartOrValuesFileIsNamed() throws URISyntaxException {
    Path chart = resource("helm/acme");
    assertThatThrownBy(() -> RequirementProfile.fromHelmChart(chart.resolveSibling("nope"), "tools"))
        .isInstanceOf(ProfileFormatException.class).hasMessageContaining("nope: no such chart folder or archive");
    assertThatThrownBy(() -> RequirementProfile.fromHelmChart(chart, "tools", chart.resolveSibling("missing.yaml")))
        .hasMessageContaining("missing.yaml: no such values file (for chart " + chart + ")");
    assertThatThrownBy(() -> RequirementProfile.fromHelmChart(chart.resolve("templates"), "tools"))
        .hasMessageContaining("templates: helm template failed:");
  }
}
