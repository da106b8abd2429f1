package io.github.policyprobe.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.internal.process.ScratchDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * However the JVM that started a local control plane ends, etcd and kube-apiserver end with it
 * and its scratch folder goes: the watchdog sees the JVM's pipe close even on SIGKILL and removes
 * the folder; should that fail, the next start sweeps folders whose owner no longer runs.
 */
class NoLeaksAfterJvmDeathTest {
  /** The watchdog gives a process 5 s after SIGTERM before SIGKILL; then the folder goes. */
  private static final Duration CLEANUP = Duration.ofSeconds(15);

  @Test
  void sigkillOfTheJvmStopsEtcdAndApiServerAndRemovesTheScratchFolder(@TempDir Path logs)
      throws Exception {
    ChildJvm child = ChildJvm.start("wait", logs.resolve("child.log"));
    Path scratch = child.scratchFolder();
    List<Long> pids = List.of(child.etcdPid(), child.apiServerPid());
    assertThat(Leftovers.processes(pids, scratch)).as("the child's cluster runs").isNotEmpty();
    assertThat(scratch).isDirectory();

    long killedAt = System.nanoTime();
    child.kill();

    assertThat(Leftovers.awaitNoProcesses(pids, scratch, CLEANUP))
        .as("processes left %s after SIGKILL of the JVM", CLEANUP).isEmpty();
    // The watchdog removes the folder once its process is gone; no later start is needed.
    assertThat(Leftovers.awaitGone(scratch, CLEANUP)).as("scratch folder %s removed", scratch).isTrue();
    System.out.printf("SIGKILL: processes and folder gone %d ms after the kill%n",
        Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
  }

  @Test
  void aJvmThatExitsWithoutClosingTheClusterLeavesNothing(@TempDir Path logs) throws Exception {
    ChildJvm child = ChildJvm.start("exit", logs.resolve("child.log"));
    Path scratch = child.scratchFolder();
    List<Long> pids = List.of(child.etcdPid(), child.apiServerPid());

    assertThat(child.awaitExit(Duration.ofSeconds(30))).as("exit code").isZero();

    // The shutdown hook closed the cluster before the JVM ended: nothing to wait for.
    assertThat(Leftovers.processes(pids, scratch)).as("processes left after System.exit").isEmpty();
    assertThat(scratch).as("scratch folder after System.exit").doesNotExist();
  }

  @Test
  void theNextStartRemovesFoldersOfDeadOwnersOnly() throws Exception {
    Process shortLived = new ProcessBuilder("true").start();
    shortLived.waitFor();
    Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
    Path orphan = Files.createTempDirectory(tmp, "policyprobe-" + shortLived.pid() + "-");
    Files.writeString(orphan.resolve("etcd.log"), "left by a killed JVM");
    Path ours = Files.createTempDirectory(tmp, "policyprobe-" + ProcessHandle.current().pid() + "-");
    try {
      ScratchDirectory.create().close();

      assertThat(orphan).as("folder of dead process %d", shortLived.pid()).doesNotExist();
      assertThat(ours).as("folder of this running JVM").isDirectory();
    } finally {
      Files.deleteIfExists(ours);
    }
  }
}
