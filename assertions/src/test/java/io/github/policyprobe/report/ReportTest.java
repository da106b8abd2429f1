package io.github.policyprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.support.Outcomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  private static final List<ReportEntry> ENTRIES =
      List.of(new ReportEntry("HardeningTest.k10StillWorks", Outcomes.mixedK10(), Instant.parse("2026-01-02T03:04:05Z")));

  @Test
  void htmlIsSelfContainedAndEscapesEveryMessage() {
    String html = HtmlReport.render(ENTRIES);

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">")
        .doesNotContain("<script").doesNotContain("src=").doesNotContain("href=")
        .contains("would violate &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | pipe")
        .contains("1 assertion: <span class=\"pass-text\">0 passed</span>, <span class=\"fail-text\">1 failed</span>")
        .contains("last at 2026-01-02 03:04:05 UTC")
        .contains("HardeningTest.k10StillWorks");
  }

  @Test
  void htmlGridHasACellPerNamespaceAndRequirementInTheColourOfItsVerdict() {
    String html = HtmlReport.render(ENTRIES);

    assertThat(html).contains("<span class=\"ns-name\">kasten-io</span>", "<span class=\"ns-name\">shop</span>");
    assertThat(count(html, "<tr><th class=\"req\">")).isEqualTo(6); // neutral, policing, 4 requirements
    assertThat(count(html, "class=\"v v-denied")).isEqualTo(2); // policing check and cap-dac-override
    assertThat(count(html, "class=\"v v-mutated")).isEqualTo(1);
    assertThat(count(html, "class=\"v v-warned")).isEqualTo(1);
    assertThat(count(html, "class=\"v v-error")).isEqualTo(1);
    assertThat(count(html, "<td class=\"na\">")).isEqualTo(4); // shop: no policing check, three install-only rows
    assertThat(html).contains("pod: <code>runAsUser</code> 1000 &rarr; 2000");
  }

  @Test
  void markdownTableEscapesPipesAndListsFailingMessages() {
    String md = MarkdownReport.render(ENTRIES);

    assertThat(md).contains("## ❌ `permitsK10` kasten-k10 (installed in kasten-io, protecting shop)")
        .contains("| requirement | `kasten-io` | `shop` |")
        .contains("| **cap-dac-override** | ❌ DENIED by PodSecurity 'restricted:latest' (unrestricted capabilities) | ❌ ERROR by admission webhook 'unreachable.example' |")
        .contains("| **prometheus-ids** | ✅ ADMITTED | n/a |")
        .contains("would violate &lt;script&gt;alert('x')&lt;/script&gt; \\| pipe")
        .contains("<details><summary>Messages</summary>");
    for (String line : md.split("\n")) {
      if (line.startsWith("| ")) {
        assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count()).as(line).isEqualTo(4);
      }
    }
  }

  @Test
  void bothFilesAreWrittenReadableByOthers(@TempDir Path dir) throws Exception {
    Path html = Report.write(dir.resolve("policyprobe"), ENTRIES);

    assertThat(html).hasFileName("report.html").exists();
    assertThat(dir.resolve("policyprobe/report.md")).exists();
    assertThat(Files.getPosixFilePermissions(html)).contains(PosixFilePermission.OTHERS_READ);
    try (var files = Files.list(dir.resolve("policyprobe"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.html", "report.md");
    }
  }

  @Test
  void eachOutcomeIsAddedAndBothFilesRewritten(@TempDir Path dir) throws Exception {
    Report report = new Report();
    String location = report.add(Outcomes.mixedK10(), dir);
    assertThat(location).isEqualTo(dir.resolve("report.html").toString());
    report.add(Outcomes.mixedK10(), dir);

    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("2 assertions: 0 passed, 2 failed.")
        .contains("ReportTest.eachOutcomeIsAddedAndBothFilesRewritten");
    assertThat(count(Files.readString(dir.resolve("report.html")), "<section class=\"entry")).isEqualTo(2);
  }

  @Test
  void theFolderComesFromTheReportDirProperty() {
    String before = System.getProperty(Report.DIR_PROPERTY);
    System.setProperty(Report.DIR_PROPERTY, "/somewhere/policyprobe");
    try {
      assertThat(Report.directory()).isEqualTo(Path.of("/somewhere/policyprobe"));
    } finally {
      if (before == null) {
        System.clearProperty(Report.DIR_PROPERTY);
      } else {
        System.setProperty(Report.DIR_PROPERTY, before);
      }
    }
  }

  @Test
  void aFolderThatCannotBeWrittenDoesNotFailTheAssertion(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("not-a-folder");
    Files.writeString(file, "x");
    assertThat(new Report().add(Outcomes.mixedK10(), file)).startsWith("(not written: ");
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
