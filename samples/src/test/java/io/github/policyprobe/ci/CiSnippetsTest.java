package io.github.policyprobe.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The CI files a platform repo copies (samples/ci/) parse, run the suites with baselines
 * required, and keep the report; GitHub Actions and GitLab themselves cannot run here.
 */
class CiSnippetsTest {
  private static final Path CI = Path.of("ci");

  @Test
  void theGithubWorkflowRequiresBaselinesAndPublishesTheReport() throws Exception {
    Map<?, ?> workflow = load("github-actions-policyprobe.yml");
    Map<?, ?> job = (Map<?, ?>) ((Map<?, ?>) workflow.get("jobs")).get("admission-policies");
    List<?> steps = (List<?>) job.get("steps");
    assertThat(steps).anySatisfy(step -> assertThat(((Map<?, ?>) step).get("run"))
        .asString().contains("mvn -B test -Dpolicyprobe.requireBaselines=true"));
    assertThat(steps).anySatisfy(step -> assertThat(String.valueOf(((Map<?, ?>) step).get("uses")))
        .startsWith("actions/upload-artifact"));
    assertThat(steps).anySatisfy(step -> assertThat(String.valueOf(((Map<?, ?>) step).get("run")))
        .contains("## Changes since baseline").contains("gh pr comment"));
    assertThat(((Map<?, ?>) workflow.get("permissions")).get("pull-requests")).isEqualTo("write");
  }

  @Test
  void theGitlabJobRequiresBaselinesAndKeepsTheReport() throws Exception {
    Map<?, ?> job = (Map<?, ?>) load("gitlab-ci-policyprobe.yml").get("policyprobe");
    assertThat(job.get("script")).isEqualTo(List.of("mvn -B test -Dpolicyprobe.requireBaselines=true"));
    Map<?, ?> artifacts = (Map<?, ?>) job.get("artifacts");
    assertThat(artifacts.get("when")).isEqualTo("always");
    assertThat(((List<?>) artifacts.get("paths")).stream().map(String::valueOf)).contains("**/target/policyprobe/");
  }

  private static Map<?, ?> load(String name) throws Exception {
    Path file = CI.resolve(name);
    assertThat(file).exists();
    return (Map<?, ?>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
  }
}
