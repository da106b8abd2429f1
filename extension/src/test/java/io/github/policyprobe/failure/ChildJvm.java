package io.github.policyprobe.failure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A JVM running {@link ControlPlaneInChildJvm}, and what it reported once its cluster was up. */
final class ChildJvm {
  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Map<String, String> report;

  private ChildJvm(Process process, Map<String, String> report) {
    this.process = process;
    this.report = report;
  }

  /** Starts the child with this JVM's binary and class path; returns once it printed "ready". */
  static ChildJvm start(String mode, Path stderrLog) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path")));
    String cache = System.getProperty("policyprobe.cache");
    if (cache != null) {
      command.add("-Dpolicyprobe.cache=" + cache);
    }
    command.add(ControlPlaneInChildJvm.class.getName());
    command.add(mode);
    Process process = new ProcessBuilder(command)
        .redirectError(stderrLog.toFile())
        .start();
    CompletableFuture<Map<String, String>> ready =
        CompletableFuture.supplyAsync(() -> readUntilReady(process));
    try {
      return new ChildJvm(process, ready.get(BOOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new AssertionError("the child JVM did not report a running cluster within "
          + BOOT_TIMEOUT.toSeconds() + " s; its stderr:\n" + Files.readString(stderrLog), e);
    }
  }

  private static Map<String, String> readUntilReady(Process process) {
    Map<String, String> report = new HashMap<>();
    try {
      BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.equals("ready")) {
          return report;
        }
        int equals = line.indexOf('=');
        if (equals > 0) {
          report.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading the child JVM's output", e);
    }
    throw new IllegalStateException("the child JVM ended before its cluster was ready");
  }

  Path scratchFolder() {
    return Paths.get(report.get("scratch"));
  }

  long etcdPid() {
    return Long.parseLong(report.get("etcd"));
  }

  long apiServerPid() {
    return Long.parseLong(report.get("apiserver"));
  }

  Process process() {
    return process;
  }

  /** SIGKILL on Linux: no shutdown hook runs, nothing in the JVM gets a chance to clean up. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the child JVM survived SIGKILL for 10 s");
    }
  }

  /** Waits for the child to end by itself and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child JVM did not end within " + timeout.toSeconds() + " s");
    }
    return process.exitValue();
  }
}
