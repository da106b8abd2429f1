package io.github.policyprobe.internal.engines;

import io.github.policyprobe.internal.process.ManagedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An engine process that has been proven to decide admission requests; closing stops it. */
public final class RunningEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningEngine.class);

  private final String name;
  private final ManagedProcess process;
  private final int webhookPort;
  private final Duration startDuration;

  RunningEngine(String name, ManagedProcess process, int webhookPort, Duration startDuration) {
    this.name = name;
    this.process = process;
    this.webhookPort = webhookPort;
    this.startDuration = startDuration;
  }

  /** Such as "Kyverno v1.19.0". */
  public String name() {
    return name;
  }

  public ManagedProcess process() {
    return process;
  }

  /** The port its webhook server listens on, on 127.0.0.1. */
  public int webhookPort() {
    return webhookPort;
  }

  /** From launching the process to its first proven decision (not counting CRD setup). */
  public Duration startDuration() {
    return startDuration;
  }

  /** The process's resident memory now, from /proc (Linux only). */
  public OptionalLong residentMemoryKiB() {
    Optional<Long> pid = process.pid();
    if (pid.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", pid.get().toString(), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.debug("no resident memory for {}: {}", name, e.getMessage());
    }
    return OptionalLong.empty();
  }

  /**
   * Stops the process. Its webhook configurations stay: stop engines together with their cluster
   * (before the API server), as a webhook that fails closed would block writes afterwards.
   */
  @Override
  public void close() {
    process.close();
    LOG.info("{} stopped", name);
  }

  @Override
  public String toString() {
    return name + " on 127.0.0.1:" + webhookPort + " (" + process + ")";
  }
}
