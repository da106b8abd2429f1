package io.github.policyprobe.internal.baseline;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.report.Report;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.profile.RequirementProfile;
import io.github.policyprobe.support.SystemProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * One suite on Kubernetes 1.34 and 1.37, as a platform team rehearses a cluster upgrade: the same
 * restricted namespace admits two pods on 1.37 that 1.34 denies (Pod Security's checks changed in
 * between: root in a user namespace from 1.35, a TCP sysctl from 1.37), and the rehearsal names
 * exactly those rows, with their verdict on each version, in the report.
 */
class UpgradeRehearsalTest {

  @Test
  void aPodSecurityVerdictThatChangesBetweenVersionsIsNamedInTheRehearsal(@TempDir Path dir) throws Exception {
    EngineExecutionResults results = run(Map.of("policyprobe.report.dir", dir.resolve("report").toString()));

    List<String> invocations = results.containerEvents().started().stream().map(Event::getTestDescriptor)
        .map(d -> d.getDisplayName()).filter(name -> name.startsWith("Kubernetes ")).toList();
    Assertions.assertThat(invocations).containsExactly("Kubernetes v1.34.4", "Kubernetes v1.37.2");
    // root alone (without the user namespace) is a field row that restricted denies on both
    results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));

    Path records = dir.resolve("report/records");
    Assertions.assertThat(records.resolve(Suite.class.getName() + "_kubernetes-1.34.verdicts.json")).exists();
    Assertions.assertThat(records.resolve(Suite.class.getName() + "_kubernetes-1.37.verdicts.json")).exists();

    String report = Files.readString(dir.resolve("report/report.md"));
    String rehearsal = report.substring(report.indexOf("## Upgrade rehearsal"));
    Assertions.assertThat(rehearsal)
        .contains("from Kubernetes 1.34 to Kubernetes 1.37: 3 verdicts change:")
        .contains("| requirement | namespace | test / assertion | Kubernetes 1.34 | Kubernetes 1.37 |");
    Assertions.assertThat(rows(rehearsal, "pod.root-in-userns (as rendered)")).singleElement()
        .satisfies(row -> Assertions.assertThat(row).contains("| apps |", "DENIED by PodSecurity", "runAsNonRoot", "| ADMITTED |"));
    Assertions.assertThat(rows(rehearsal, "pod.tcp-tuned (as rendered)")).singleElement()
        .satisfies(row -> Assertions.assertThat(row).contains("| apps |", "DENIED by PodSecurity", "| ADMITTED |"));
    Assertions.assertThat(rows(rehearsal, "pod.tcp-tuned.pod.sysctl.net.ipv4.tcp_slow_start_after_idle"))
        .singleElement().satisfies(row -> Assertions.assertThat(row).contains("| apps |", "DENIED by PodSecurity", "| ADMITTED |"));
    // the CI summary (GitHub's job summary) carries the same table under the newer version's class run
    Assertions.assertThat(Report.summaryMarkdown(Suite.class.getName() + "@kubernetes-1.37"))
        .contains("**Upgrade rehearsal.** from Kubernetes 1.34 to Kubernetes 1.37: 3 verdicts change:", "pod.tcp-tuned");
    Assertions.assertThat(Report.summaryMarkdown(Suite.class.getName() + "@kubernetes-1.34"))
        .doesNotContain("Upgrade rehearsal");
    Assertions.assertThat(Files.readString(dir.resolve("report/report.html")))
        .contains("Upgrade rehearsal", "<th>Kubernetes 1.34</th><th>Kubernetes 1.37</th>");
  }

  /** A class run again in the same JVM (a test kit, a rerun) starts its rehearsal over. */
  @Test
  void aSecondRunComparesItsOwnVersionsOnly(@TempDir Path dir) throws Exception {
    run(Map.of("policyprobe.report.dir", dir.resolve("first").toString()));
    run(Map.of("policyprobe.report.dir", dir.resolve("second").toString()));

    String report = Files.readString(dir.resolve("second/report.md"));
    Assertions.assertThat(report).contains("from Kubernetes 1.34 to Kubernetes 1.37: 3 verdicts change:")
        .doesNotContain("from Kubernetes 1.37 to Kubernetes 1.34");
  }

  private static List<String> rows(String markdown, String containing) {
    return markdown.lines().filter(line -> line.startsWith("| ") && line.contains(containing)).toList();
  }

  private static EngineExecutionResults run(Map<String, String> settings) {
    return SystemProperties.with(settings,
        () -> EngineTestKit.engine("junit-jupiter").selectors(selectClass(Suite.class)).execute());
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = "rehearsal/namespace.yaml", kubernetesVersions = {"1.34", "1.37"})
  static class Suite {
    @Test
    void podsAsWritten(Cluster cluster) {
      assertThat(cluster).permits(
          RequirementProfile.fromManifests(Path.of("src/test/resources/rehearsal/pods.yaml")).installedIn("apps"));
    }
  }
}
