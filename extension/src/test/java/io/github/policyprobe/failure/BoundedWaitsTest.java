package io.github.policyprobe.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.support.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every wait ends within {@code @PolicyCluster(readyTimeoutSeconds)} and says what it awaited:
 * the API server's /readyz at boot, and a CRD that can never become Established.
 */
class BoundedWaitsTest {
  static final int CRD_TIMEOUT_SECONDS = 20;

  @Test
  void aTinyReadyTimeoutFailsTheBootNamingReadyzAndLeavesNothingBehind() throws IOException {
    // Clusters of other test classes may run in this JVM: only what the failed boot adds counts.
    List<Path> foldersBefore = ourScratchFolders();
    List<Long> processesBefore = ProcessTable.pidsWithCommandLineContaining(ourScratchPrefix());

    KitRun run = KitRun.of(Map.of(), OneSecondToBoot.class);

    assertThat(run.failures()).as("the test's failure, nothing else").hasSize(1);
    Throwable failure = run.failures().get(0);
    assertThat(failure).hasCauseInstanceOf(ClusterStartException.class);
    assertThat(failure.getCause().getMessage())
        .contains("kube-apiserver did not become ready within 1 s")
        .contains("last /readyz answer:")
        .contains("etcd log:")
        .contains("kube-apiserver log:");
    assertThat(failure.getSuppressed()).as("exceptions that bury the cause").isEmpty();
    // The boot gave up after a second; certificates, stopping the half-started processes and
    // JUnit take the rest (a few seconds; the bound leaves room for a loaded machine).
    assertThat(Duration.ofMillis(run.millis())).isLessThan(Duration.ofSeconds(30));
    assertThat(ourScratchFolders()).as("scratch folders after the failed boot")
        .containsExactlyInAnyOrderElementsOf(foldersBefore);
    assertThat(ProcessTable.pidsWithCommandLineContaining(ourScratchPrefix()))
        .as("processes after the failed boot").containsExactlyInAnyOrderElementsOf(processesBefore);
    System.out.printf("readyTimeoutSeconds = 1: boot failed and cleaned up in %d ms%n", run.millis());
  }

  @Test
  void aCrdThatCanNeverBeEstablishedFailsAfterTheTimeoutNamingIt() {
    KitRun.of(Map.of(), TwentySecondsPerWait.class).assertAllPassed(1);
  }

  @KitOnly
  @PolicyCluster(backend = Backend.LOCAL, readyTimeoutSeconds = 1)
  static class OneSecondToBoot {
    @Test
    void neverRuns(Cluster cluster) {
      throw new AssertionError("booted within one second: " + cluster);
    }
  }

  @KitOnly
  @PolicyCluster(backend = Backend.LOCAL, readyTimeoutSeconds = CRD_TIMEOUT_SECONDS)
  static class TwentySecondsPerWait {
    @Test
    void aKindConflictKeepsTheCrdFromBeingEstablished(Cluster cluster) {
      RunningCluster.of(cluster).apply("failure/crd/widgets.yaml");

      long start = System.nanoTime();
      assertThatThrownBy(() -> RunningCluster.of(cluster).apply("failure/crd/gadgets-claiming-kind-widget.yaml"))
          .isInstanceOf(RuntimeException.class)
          .hasMessageContaining("gave up after " + CRD_TIMEOUT_SECONDS + " s waiting for"
              + " CustomResourceDefinition gadgets.conflict.policyprobe.io to be Established")
          .hasMessageContaining("gadgets-claiming-kind-widget.yaml, document 1 (line 3)")
          // why it can never pass: the name conflict the API server reports
          .hasMessageContaining("NamesAccepted=False")
          .hasMessageContaining("\"WidgetList\" is already in use")
          .hasMessageContaining("Raise @PolicyCluster(readyTimeoutSeconds)");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.printf("readyTimeoutSeconds = %d: the CRD wait gave up after %d ms%n",
          CRD_TIMEOUT_SECONDS, took.toMillis());
      // Not before the timeout; after it, only the time to read the CRD's conditions and word
      // the error (a second or two on a loaded machine).
      assertThat(took).isBetween(Duration.ofSeconds(CRD_TIMEOUT_SECONDS),
          Duration.ofSeconds(CRD_TIMEOUT_SECONDS + 10));
    }
  }

  /** Scratch folders of this JVM: a failed boot must remove the one it made. */
  private static List<Path> ourScratchFolders() throws IOException {
    try (Stream<Path> all = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
      return all.filter(p -> p.getFileName().toString().startsWith(ourScratchPrefix())).toList();
    }
  }

  private static String ourScratchPrefix() {
    return "policyprobe-" + ProcessHandle.current().pid() + "-";
  }
}
