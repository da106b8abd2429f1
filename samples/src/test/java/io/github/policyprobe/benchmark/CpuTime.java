package io.github.policyprobe.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time as the kernel counts it (/proc/PID/stat, in clock ticks). On a shared machine wall
 * time depends on the neighbours; CPU time says what the work itself costs.
 */
final class CpuTime {
  /** Linux's USER_HZ: 100 on every common architecture. */
  private static final double MILLIS_PER_TICK = 10.0;

  private CpuTime() {}

  /** User plus system time of {@code pid}, in milliseconds; 0 once the process is gone. */
  static double ofProcess(long pid) {
    long[] fields = fields(pid);
    return fields.length == 0 ? 0 : (fields[0] + fields[1]) * MILLIS_PER_TICK;
  }

  /** User plus system time of {@code pid}'s children that it has waited for, in milliseconds. */
  static double ofWaitedChildren(long pid) {
    long[] fields = fields(pid);
    return fields.length == 0 ? 0 : (fields[2] + fields[3]) * MILLIS_PER_TICK;
  }

  static long self() {
    return ProcessHandle.current().pid();
  }

  /** utime, stime, cutime, cstime; empty if the process is gone. */
  private static long[] fields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name may contain spaces and parentheses: count fields after the last ')'
      String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      return new long[] {Long.parseLong(after[11]), Long.parseLong(after[12]),
          Long.parseLong(after[13]), Long.parseLong(after[14])};
    } catch (IOException | RuntimeException e) {
      return new long[0];
    }
  }
}
