package io.github.policyprobe.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process still runs, counting a killed process that its parent has not reaped yet (a
 * zombie) as dead, which {@link ProcessHandle#isAlive()} does not.
 */
final class ProcessLiveness {
  private ProcessLiveness() {}

  static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
    try {
      String line = Files.readString(stat);
      // "pid (comm) S ...": the state follows the command name, which may itself hold ") ".
      String afterName = line.substring(line.lastIndexOf(") ") + 2);
      char state = afterName.charAt(0);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return process.isAlive(); // no /proc (macOS), or the process is gone
    }
  }
}
