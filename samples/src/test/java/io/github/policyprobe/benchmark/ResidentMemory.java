package io.github.policyprobe.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process as the kernel counts it (VmRSS in /proc/PID/status). */
final class ResidentMemory {
  private ResidentMemory() {}

  static OptionalLong kibibytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process is gone, or this is not Linux: no figure rather than a wrong one
    }
    return OptionalLong.empty();
  }
}
