package io.github.policyprobe.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: they only mean something next to the machine and its load. */
final class Machine {
  private Machine() {}

  static String now() {
    return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(java.time.ZoneId.systemDefault()))
        .replaceAll("\\.\\d+", "");
  }

  static int processors() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** The 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(line -> line.startsWith("MemTotal:"))
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 + " MiB")
          .findFirst().orElse("unknown");
    } catch (IOException | NumberFormatException e) {
      return "unknown";
    }
  }

  static String java() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }

  /** The first line a command prints (a version), or why there is none. */
  static String firstLineOf(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try {
        String out = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor(10, TimeUnit.SECONDS);
        return out.isEmpty() ? "(no output)" : out.lines().findFirst().orElse("");
      } finally {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      return "(not runnable: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }
}
