package io.github.policyprobe.failure;

import io.github.policyprobe.support.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a dead cluster may have left behind, read from /proc and the file system. */
final class Leftovers {
  private Leftovers() {}

  /** Running (not zombie) processes among {@code pids}, plus any whose command line names the folder. */
  static List<String> processes(List<Long> pids, Path scratch) {
    List<String> found = new ArrayList<>();
    for (long pid : pids) {
      if (isRunning(pid)) {
        found.add("pid " + pid);
      }
    }
    for (long pid : ProcessTable.pidsWithCommandLineContaining(scratch.toString())) {
      found.add("pid " + pid + " with " + scratch + " in its command line");
    }
    return found;
  }

  /** Polls until nothing is left or {@code timeout} passes; returns what is still there. */
  static List<String> awaitNoProcesses(List<Long> pids, Path scratch, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> left = processes(pids, scratch);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      left = processes(pids, scratch);
    }
    return left;
  }

  /** Polls until {@code folder} is gone or {@code timeout} passes; true if it is gone. */
  static boolean awaitGone(Path folder, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Files.exists(folder) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return !Files.exists(folder);
  }

  /** A zombie has died and only waits to be reaped: it counts as gone. */
  static boolean isRunning(long pid) {
    try {
      String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | StringIndexOutOfBoundsException gone) {
      return false;
    }
  }
}
