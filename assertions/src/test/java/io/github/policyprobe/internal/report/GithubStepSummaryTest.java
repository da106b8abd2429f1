package io.github.policyprobe.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.support.Outcomes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubStepSummaryTest {

  @Test
  void appendsEachClassUntilTheLimitThenSaysWhereTheRestIsOnce(@TempDir Path dir) throws Exception {
    Path summary = dir.resolve("step-summary.md");
    String block = "### `com.acme.HardeningTest`: 1 passed, 0 failed\n" + "x".repeat(300) + "\n";
    int limit = 1_000;
    for (int i = 0; i < 5; i++) {
      GithubStepSummary.append(summary, block, limit);
    }
    String text = Files.readString(summary, StandardCharsets.UTF_8);
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(limit);
    assertThat(text.split("### ", -1)).hasSize(3); // two blocks fit with the note
    assertThat(text).endsWith(GithubStepSummary.CUT);
    GithubStepSummary.append(summary, "tiny\n", limit);
    assertThat(Files.readString(summary)).as("nothing after the cut").isEqualTo(text);
  }

  @Test
  void aClassSummaryListsFailuresFirst(@TempDir Path dir) {
    Report report = new Report();
    report.add("com.acme.StepTest", "StepTest > first()", Outcomes.mixedK10(), "", dir);
    report.add("com.acme.StepTest", "StepTest > second()", Outcomes.mixedK10(), "", dir);

    String block = report.summaryOf("com.acme.StepTest");
    assertThat(block).startsWith("### `com.acme.StepTest`: 0 passed, 2 failed\n\n| result | test | assertion |")
        .contains("| ❌ **FAILED** | StepTest &gt; first() | permitsK10: kasten-k10 (installed in kasten-io, protecting shop) |");
    assertThat(report.summaryOf("com.acme.NeverRan")).isEmpty();
  }
}
