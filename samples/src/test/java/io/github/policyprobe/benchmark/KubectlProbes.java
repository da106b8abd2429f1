package io.github.policyprobe.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The same probes the way a person would send them without policyprobe: one
 * {@code kubectl create --dry-run=server -f <file>} process per probe, one after the other.
 */
final class KubectlProbes implements AutoCloseable {
  private static final long PROCESS_TIMEOUT_SECONDS = 60;

  private final String kubectl;
  private final Path folder;
  private final Path kubeconfig;
  private final List<Path> files = new ArrayList<>();

  /** One pass over every probe file. */
  record Pass(Samples perProbe, long totalNanos, int refused) {}

  KubectlProbes(String kubectl, String kubeconfigYaml, List<CapturedProbes.Request> requests) {
    this.kubectl = kubectl;
    try {
      folder = Files.createTempDirectory("policyprobe-benchmark-kubectl-");
      kubeconfig = Files.writeString(folder.resolve("kubeconfig"), kubeconfigYaml);
      for (int i = 0; i < requests.size(); i++) {
        files.add(Files.writeString(folder.resolve(String.format("probe-%02d.json", i)), requests.get(i).json()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the kubectl probe files", e);
    }
  }

  int probeCount() {
    return files.size();
  }

  /** Sends the first probe once, so kubectl's discovery cache is filled before anything is timed. */
  void warmUp() {
    send(files.get(0));
  }

  Pass sendAll() {
    Samples perProbe = new Samples();
    int refused = 0;
    long start = System.nanoTime();
    for (Path file : files) {
      long before = System.nanoTime();
      int exit = send(file);
      perProbe.add(System.nanoTime() - before);
      if (exit != 0) {
        refused++;
      }
    }
    return new Pass(perProbe, System.nanoTime() - start, refused);
  }

  /** Runs kubectl on one file; returns its exit code (non-zero: denied, or no decision). */
  private int send(Path file) {
    ProcessBuilder builder = new ProcessBuilder(kubectl,
        "--kubeconfig=" + kubeconfig, "--cache-dir=" + folder.resolve("cache"),
        "create", "--dry-run=server", "-o", "name", "-f", file.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + kubectl, e);
    }
    try {
      if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(kubectl + " did not finish within " + PROCESS_TIMEOUT_SECONDS
            + " s on " + file);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + kubectl + " ran on " + file, e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
