package io.github.policyprobe.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child process (etcd, kube-apiserver, a webhook engine) that writes its output to a log file
 * and cannot outlive the JVM: it runs under a small watchdog that stops it once the JVM's end of
 * a pipe closes, which happens however the JVM ends.
 */
public final class ManagedProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String name;
  private final Process watchdog;
  private final Path log;
  /** The real process, once seen: it may die a moment before its watchdog notices and exits. */
  private volatile ProcessHandle child;

  private ManagedProcess(String name, Process watchdog, Path log) {
    this.name = name;
    this.watchdog = watchdog;
    this.log = log;
  }

  /**
   * Starts {@code command} with {@code environment} added to this JVM's, logging to
   * {@code <folder>/<name>.log}.
   *
   * @param orphanCleanup a folder the watchdog removes if the JVM died, or empty
   */
  public static ManagedProcess start(
      String name, List<String> command, Map<String, String> environment, Path folder,
      Optional<Path> orphanCleanup) {
    Path log = folder.resolve(name + ".log");
    List<String> wrapped = new ArrayList<>();
    wrapped.add("/bin/sh");
    wrapped.add(watchdogScript(folder).toString());
    wrapped.add(orphanCleanup.map(Path::toString).orElse("-"));
    wrapped.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(wrapped)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(environment);
    try {
      LOG.debug("starting {}: {}", name, String.join(" ", command));
      return new ManagedProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + " (" + command.get(0) + ")", e);
    }
  }

  private static Path watchdogScript(Path folder) {
    Path script = folder.resolve("watchdog.sh");
    if (Files.exists(script)) {
      return script;
    }
    try (InputStream in = ManagedProcess.class.getResourceAsStream("watchdog.sh")) {
      Files.write(script, in.readAllBytes());
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the process watchdog into " + folder, e);
    }
  }

  public String name() {
    return name;
  }

  /**
   * Whether the process runs. A process killed a moment ago counts as dead at once, although its
   * watchdog takes some milliseconds more to reap it and exit: a request sent in between would
   * otherwise reach a live API server whose etcd is gone, and wait on it.
   */
  public boolean isAlive() {
    if (!watchdog.isAlive()) {
      return false;
    }
    ProcessHandle process = child != null ? child : handle().orElse(null);
    return process == null || ProcessLiveness.running(process);
  }

  /** The exit code, once the process has ended (its watchdog passes it on as it exits). */
  public Optional<Integer> exitCode() {
    try {
      if (!isAlive() && watchdog.waitFor(2, TimeUnit.SECONDS)) {
        return Optional.of(watchdog.exitValue());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  /** The PID of the real process (the watchdog's child), if it is running. */
  public Optional<Long> pid() {
    return handle().map(ProcessHandle::pid);
  }

  /**
   * The real process, if it is running: the watchdog's child that runs another program than the
   * watchdog (its other child is a copy of the watchdog's shell, which stops the process should
   * the JVM go away).
   */
  public Optional<ProcessHandle> handle() {
    Optional<String> shell = watchdog.info().command();
    List<ProcessHandle> children = watchdog.children().toList();
    Optional<ProcessHandle> found = children.stream()
        .filter(c -> shell.isEmpty() || !c.info().command().equals(shell))
        .findFirst()
        .or(() -> children.stream().findFirst());
    found.ifPresent(process -> {
      if (child == null) {
        child = process;
      }
    });
    return found;
  }

  public Path logFile() {
    return log;
  }

  /**
   * Everything the process has logged so far, oldest line first; empty when the log cannot be
   * read (bytes that are not UTF-8 are replaced, not fatal).
   */
  public List<String> logLines() {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The last lines of the process's own output, to quote in error messages. */
  public String tailOfLog(int lines) {
    if (!Files.exists(log)) {
      return "(no log: " + log + " does not exist)";
    }
    List<String> all = logLines();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /**
   * The last line the process logged as an error (klog's "E" lines, etcd's "error" level), which
   * is what a person wants to read first when it failed to start.
   */
  public String lastErrorLine() {
    if (!Files.exists(log)) {
      return "(no log: " + log + " does not exist)";
    }
    return ErrorLines.lastError(logLines()).orElse("(nothing logged)");
  }

  /**
   * Stops the process at once, with SIGKILL. Whatever policyprobe starts is throwaway and its
   * folder is removed with it, so a graceful stop buys nothing; kube-apiserver's took a second of
   * every cluster's close. (The watchdog's SIGTERM, then SIGKILL, is for a JVM that ended without
   * closing.)
   */
  @Override
  public void close() {
    watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
    try {
      watchdog.getOutputStream().close();
    } catch (IOException ignored) {
      // the pipe is already closed: the watchdog is stopping the process
    }
    try {
      if (!watchdog.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} did not stop within {} s; killing it", name, STOP_GRACE.toSeconds());
        watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
        watchdog.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
      watchdog.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + pid().map(p -> " (pid " + p + ")").orElse("");
  }
}
