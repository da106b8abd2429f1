package io.github.policyprobe.internal.report;

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
        .doesNotContain("<script").doesNotContain("src=").doesNotContainPattern("href=\"[^#]") // in-page links only
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
    Path html = Path.of(new Report().add(Outcomes.mixedK10(), "LOCAL, Kubernetes v1.34.4", dir.resolve("policyprobe")));

    assertThat(html).hasFileName("report.html").exists();
    assertThat(dir.resolve("policyprobe/report.md")).exists();
    assertThat(Files.getPosixFilePermissions(html)).contains(PosixFilePermission.OTHERS_READ);
    try (var files = Files.list(dir.resolve("policyprobe"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("report.html", "report.md", "parts", "records", ".lock");
    }
  }

  @Test
  void eachOutcomeIsAddedAndBothFilesRewritten(@TempDir Path dir) throws Exception {
    Report report = new Report();
    String location = report.add(Outcomes.mixedK10(), "", dir);
    assertThat(location).isEqualTo(dir.resolve("report.html").toString());
    report.add(Outcomes.mixedK10(), "", dir);

    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("2 assertions: 0 passed, 2 failed.")
        .contains("ReportTest.eachOutcomeIsAddedAndBothFilesRewritten");
    assertThat(count(Files.readString(dir.resolve("report.html")), "<section id=")).isEqualTo(2);
  }

  @Test
  void reportsOfSeveralJvmsAddUpInsteadOfOverwritingEachOther(@TempDir Path dir) throws Exception {
    // two forks: each its own Report, each its own classes, one folder
    new Report().add("com.acme.FirstTest", "FirstTest > k10()", passing(), "LOCAL, Kubernetes v1.34.4", dir);
    new Report().add("com.acme.SecondTest", "SecondTest > k10()", Outcomes.mixedK10(), "LOCAL, Kubernetes v1.34.4", dir);

    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("2 assertions: ", "1 passed", "1 failed", "FirstTest &gt; k10()", "SecondTest &gt; k10()",
        "LOCAL, Kubernetes v1.34.4");
    assertThat(html.indexOf("id=\"SecondTest-1\"")).as("failures first").isLessThan(html.indexOf("id=\"FirstTest-1\""));
    assertThat(dir.resolve("records/com.acme.FirstTest.verdicts.json")).exists();
    assertThat(dir.resolve("records/com.acme.SecondTest.verdicts.json")).exists();
  }

  @Test
  void partsThisJvmWroteAreNotParsedBackWhileAPartAnotherForkReplacedIs(@TempDir Path dir) throws Exception {
    Report report = new Report();
    report.add("com.acme.FirstTest", "FirstTest > a()", passing(), "", dir);
    int parsesBefore = ClassPart.CACHE.parses();
    for (int i = 0; i < 5; i++) {
      report.add("com.acme.FirstTest", "FirstTest > a()", passing(), "", dir);
    }
    assertThat(ClassPart.CACHE.parses()).as("parts parsed while one class added 5 outcomes")
        .isEqualTo(parsesBefore);
    assertThat(Files.readString(dir.resolve("report.md"))).contains("6 assertions");

    // Another fork writes its class's part, then replaces it with one more outcome.
    ClassPart fork = new ClassPart("com.acme.SecondTest");
    fork.add(new ReportEntry("SecondTest > b()", Outcomes.mixedK10(), Instant.now()), "");
    AtomicFiles.replace(dir.resolve("parts/com.acme.SecondTest.json"), fork.toJson(Instant.now()));
    report.add("com.acme.FirstTest", "FirstTest > a()", passing(), "", dir);
    assertThat(Files.readString(dir.resolve("report.md"))).contains("8 assertions");
    fork.add(new ReportEntry("SecondTest > c()", Outcomes.mixedK10(), Instant.now()), "");
    AtomicFiles.replace(dir.resolve("parts/com.acme.SecondTest.json"), fork.toJson(Instant.now()));
    report.add("com.acme.FirstTest", "FirstTest > a()", passing(), "", dir);
    assertThat(Files.readString(dir.resolve("report.md"))).contains("10 assertions", "SecondTest &gt; c()");
    assertThat(ClassPart.CACHE.parses() - parsesBefore).as("the fork's part, read once per version").isEqualTo(2);
  }

  @Test
  void recordsAreStableAcrossRuns(@TempDir Path dir) throws Exception {
    new Report().add("com.acme.FirstTest", "FirstTest > k10()", Outcomes.mixedK10(), "", dir.resolve("a"));
    new Report().add("com.acme.FirstTest", "FirstTest > k10()", Outcomes.mixedK10(), "", dir.resolve("b"));
    String first = Files.readString(dir.resolve("a/records/com.acme.FirstTest.verdicts.json"));
    assertThat(first).isEqualTo(Files.readString(dir.resolve("b/records/com.acme.FirstTest.verdicts.json")))
        .contains("\"requirement\": \"cap-dac-override\"", "\"decision\": \"DENIED\"", "\"engine\": \"PodSecurity\"");
    assertThat(RecordFile.read(dir.resolve("a/records/com.acme.FirstTest.verdicts.json")))
        .extracting(VerdictRecord::requirement).contains("neutral-template", "policing-check", "uid-gid-1000");
  }

  @Test
  void stableMessagesMaskGeneratedNamesAndPorts() {
    assertThat(VerdictRecords.stable("pods \"policyprobe-cap-dac-override-66zz6\" is forbidden; Post"
        + " \"https://127.0.0.1:41799/validate\"")).isEqualTo("pods \"policyprobe-cap-dac-override-*\" is forbidden;"
        + " Post \"https://127.0.0.1:<port>/validate\"");
  }

  /**
   * A check protecting a hundred alike namespaces reads as a few columns: the alike ones merged
   * (all named in a fold), the odd one apart; a title names the first three and how many more.
   */
  @Test
  void aliketNamespacesShareOneColumnAndTheOddOneStandsApart() {
    var e = io.github.policyprobe.internal.evaluation.Expectation.ADMITTED;
    var role = io.github.policyprobe.profile.NamespaceRole.APPLICATION;
    java.util.List<io.github.policyprobe.internal.evaluation.NamespaceOutcome> namespaces = new java.util.ArrayList<>();
    namespaces.add(Outcomes.namespace("kasten-io", io.github.policyprobe.profile.NamespaceRole.INSTALL,
        Outcomes.admitted(), java.util.Optional.empty(), Outcomes.outcome("cap-chown", "CHOWN", Outcomes.admitted(), e)));
    for (int i = 0; i < 100; i++) {
      namespaces.add(Outcomes.namespace(String.format("app-%03d", i), role, Outcomes.admitted(),
          java.util.Optional.empty(), Outcomes.outcome("cap-chown", "CHOWN", Outcomes.admitted(), e)));
    }
    namespaces.add(Outcomes.namespace("legacy", role, Outcomes.admitted(), java.util.Optional.empty(),
        Outcomes.outcome("cap-chown", "CHOWN", Outcomes.deniedByPodSecurity("CHOWN"), e)));
    var profile = io.github.policyprobe.profile.K10Profile.installedIn("kasten-io")
        .protecting(namespaces.stream().skip(1).map(n -> n.namespace()).toArray(String[]::new));
    var outcome = new io.github.policyprobe.internal.evaluation.ProfileOutcome("permitsK10", profile.toProfile().describe(), e, namespaces,
        false, io.github.policyprobe.internal.enforcement.EnforcementReport.NOT_WATCHED);

    Grid grid = Grid.of(outcome);
    assertThat(grid.columns()).extracting(Grid.Column::namespace)
        .containsExactly("kasten-io", "app-000 \u2026 app-099", "legacy");
    assertThat(grid.columns().get(1).namespaces()).hasSize(100).contains("app-042");
    assertThat(grid.rows()).allSatisfy(row -> assertThat(row.cells()).hasSize(3));
    assertThat(outcome.subject()).endsWith("protecting app-000, app-001, app-002 and 98 more)");

    String html = HtmlReport.render(List.of(new ReportEntry("T > t", outcome, java.time.Instant.EPOCH)));
    assertThat(html).contains("100 namespaces, identical verdicts", "app-042").doesNotContain("app-004, app-005, app-006, app-007, app-008, app-009, app-010</h2>");
  }

  /** A cell that meets the assertion is green whatever its verdict: the policing pod DENIED, say. */
  @Test
  void aCellIsColouredByWhetherItMeetsTheAssertion() {
    var e = io.github.policyprobe.internal.evaluation.Expectation.ADMITTED;
    var outcome = new io.github.policyprobe.internal.evaluation.ProfileOutcome("permitsK10", "k10", e, List.of(
        Outcomes.namespace("shop", io.github.policyprobe.profile.NamespaceRole.APPLICATION, Outcomes.admitted(),
            java.util.Optional.of(Outcomes.deniedByPodSecurity("SYS_ADMIN")),
            Outcomes.outcome("cap-chown", "CHOWN", Outcomes.deniedByPodSecurity("CHOWN"), e))),
        false, io.github.policyprobe.internal.enforcement.EnforcementReport.NOT_WATCHED);

    String html = HtmlReport.render(List.of(new ReportEntry("T > t", outcome, java.time.Instant.EPOCH)));
    assertThat(html).contains("class=\"v v-denied met\"", "class=\"v v-denied unmet\"")
        .contains("td.v.met { background: var(--admitted); }");
  }

  /** Issue 20: the team's own Deployment's pod, named by the API server, differed in every run. */
  @Test
  void stableMessagesMaskAnyObjectsGeneratedNameUidsTimesAndAddresses() {
    assertThat(VerdictRecords.stable("pods \"k10-style-capabilities-h2qrv\" is forbidden"))
        .isEqualTo("pods \"k10-style-capabilities-*\" is forbidden");
    assertThat(VerdictRecords.stable("Pod/shop/web-7d9f8b6c5d-x2kq4 was blocked"))
        .isEqualTo("Pod/shop/web-* was blocked");
    assertThat(VerdictRecords.stable("uid 0b7c6a4e-2f1d-4c3b-9a8e-1234567890ab at 2026-12-06T20:19:13.123Z"))
        .isEqualTo("uid <uid> at <time>");
    assertThat(VerdictRecords.stable("dial tcp 10.42.0.17:8443: connect: connection refused"))
        .isEqualTo("dial tcp <address>:<port>: connect: connection refused");
    assertThat(VerdictRecords.stable("ValidatingAdmissionPolicy 'no-host-path' with binding 'restricted-apps' denied"))
        .as("policy and binding names are not generated").isEqualTo(
            "ValidatingAdmissionPolicy 'no-host-path' with binding 'restricted-apps' denied");
    assertThat(VerdictRecords.stable("container \"nginx\" must set runAsNonRoot=true"))
        .isEqualTo("container \"nginx\" must set runAsNonRoot=true");
  }

  private static io.github.policyprobe.internal.evaluation.ProfileOutcome passing() {
    var e = io.github.policyprobe.internal.evaluation.Expectation.ADMITTED;
    return new io.github.policyprobe.internal.evaluation.ProfileOutcome("permitsK10", "kasten-k10 (installed in kasten-io)", e,
        java.util.List.of(Outcomes.namespace("kasten-io", io.github.policyprobe.profile.NamespaceRole.INSTALL,
            Outcomes.admitted(), java.util.Optional.empty(), Outcomes.outcome("cap-chown", "CHOWN", Outcomes.admitted(), e))),
        false, io.github.policyprobe.internal.enforcement.EnforcementReport.NOT_WATCHED);
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
    assertThat(new Report().add(Outcomes.mixedK10(), "", file)).startsWith("(not written: ");
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
