package io.github.policyprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Through a real Launcher (the test plan is what tells which clusters come next): while the first
 * class runs, the cluster of the next class in the plan boots in the background; a cluster started
 * ahead for a class that never runs is stopped when the plan ends; off, nothing starts ahead.
 */
class ClusterPrestartTest {
  static final AtomicInteger BOOTS_BEFORE = new AtomicInteger();
  static final AtomicInteger BOOTS_SEEN_BY_FIRST = new AtomicInteger();
  static volatile Duration waitForPrestart = Duration.ZERO;

  @Test
  void theNextClassesClusterBootsWhileTheFirstClassRunsAndAnUntakenOneIsStopped() {
    Set<Long> apiServersBefore = apiServers();
    waitForPrestart = Duration.ofSeconds(60);
    BOOTS_BEFORE.set(Clusters.bootCount());

    TestExecutionSummary summary = launch("true");

    assertThat(summary.getTotalFailureCount()).as(failures(summary)).isZero();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
    assertThat(BOOTS_SEEN_BY_FIRST.get() - BOOTS_BEFORE.get())
        .as("clusters booted by the end of the first class: its own and the next one's").isEqualTo(2);
    assertThat(Clusters.bootCount() - BOOTS_BEFORE.get())
        .as("A, B, and C's started ahead although C never ran").isEqualTo(3);
    assertThat(apiServers()).as("no kube-apiserver outlives the plan, C's included").isEqualTo(apiServersBefore);
  }

  @Test
  void offNothingStartsAhead() {
    waitForPrestart = Duration.ofSeconds(3);
    BOOTS_BEFORE.set(Clusters.bootCount());

    TestExecutionSummary summary = launch("false");

    assertThat(summary.getTotalFailureCount()).as(failures(summary)).isZero();
    assertThat(BOOTS_SEEN_BY_FIRST.get() - BOOTS_BEFORE.get()).as("only the first class's own").isEqualTo(1);
    assertThat(Clusters.bootCount() - BOOTS_BEFORE.get()).as("A and B, nothing for C").isEqualTo(2);
  }

  private static TestExecutionSummary launch(String prestart) {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(AFirst.class), selectClass(BSecond.class), selectClass(CNeverRuns.class))
        .configurationParameter(ClusterPrestart.PARAMETER, prestart)
        .configurationParameter("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$ClassName")
        .build(), summary);
    return summary.getSummary();
  }

  private static String failures(TestExecutionSummary summary) {
    return summary.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
        .collect(Collectors.joining("\n"));
  }

  private static Set<Long> apiServers() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().command().orElse("").endsWith("kube-apiserver"))
        .map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  @PolicyCluster(backend = Backend.LOCAL)
  static class AFirst {
    @Test
    void runsWhileTheNextClusterBoots(Cluster cluster) throws InterruptedException {
      long deadline = System.nanoTime() + waitForPrestart.toNanos();
      while (Clusters.bootCount() - BOOTS_BEFORE.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      BOOTS_SEEN_BY_FIRST.set(Clusters.bootCount());
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, apiServerArgs = "--event-ttl=2h")
  static class BSecond {
    @Test
    void getsAClusterWithItsOwnProcesses(Cluster cluster) {
      assertThat(cluster.spec().apiServerArgs()).containsExactly("--event-ttl=2h");
      assertThat(RunningCluster.of(cluster).processes().get("kube-apiserver").info().arguments().map(List::of).orElse(List.of()))
          .contains("--event-ttl=2h");
    }
  }

  /** In the plan, but its condition keeps it from running: the cluster started for it is wasted. */
  @PolicyCluster(backend = Backend.LOCAL, apiServerArgs = "--event-ttl=3h")
  @EnabledIfSystemProperty(named = "policyprobe.test.never-set", matches = "yes")
  static class CNeverRuns {
    @Test
    void neverRuns(Cluster cluster) {}
  }
}
