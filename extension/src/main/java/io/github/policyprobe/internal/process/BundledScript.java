package io.github.policyprobe.internal.process;

import io.github.policyprobe.internal.progress.ProgressLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Runs a provisioning script that ships inside the jar (kube-binaries.sh, engine-binaries.sh),
 * so that a user's machine fills the cache with the very steps CI uses. Its progress goes to the
 * log line by line; a failure quotes its whole output.
 */
public final class BundledScript {
  private static final Logger LOG = ProgressLog.of(BundledScript.class);
  private static final long TIMEOUT_MINUTES = 60;

  private BundledScript() {}

  /**
   * Runs the class path resource {@code name} next to {@code owner} with bash.
   *
   * @param what what the script provides, for error messages
   * @throws ProvisioningException when it fails, times out or cannot start
   */
  public static void run(Class<?> owner, String name, List<String> args, Map<String, String> environment,
      String what) {
    Path script = null;
    try {
      script = Files.createTempFile(name.replace(".sh", "-"), ".sh");
      try (InputStream in = owner.getResourceAsStream(name)) {
        if (in == null) {
          throw new ProvisioningException(name + " is not on the class path next to " + owner.getName()
              + ": the policyprobe-extension jar is incomplete", null);
        }
        Files.write(script, in.readAllBytes());
      }
      List<String> command = new ArrayList<>(List.of("bash", script.toString()));
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("POLICYPROBE_CACHE", BinaryCache.root().toString());
      Mirror.base().ifPresent(base -> builder.environment().put(Mirror.ENV, base));
      builder.environment().putAll(environment);
      Process process = builder.start();
      StringBuilder output = new StringBuilder();
      try (var lines = process.inputReader(StandardCharsets.UTF_8).lines()) {
        lines.forEach(line -> {
          LOG.info(line);
          output.append(line).append('\n');
        });
      }
      boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
      if (!finished || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new ProvisioningException("could not provide " + what + " (" + name + " "
            + (finished ? "failed" : "timed out after " + TIMEOUT_MINUTES + " min") + "):\n" + output, null);
      }
    } catch (IOException e) {
      throw new ProvisioningException("could not run " + name + " for " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvisioningException("interrupted while providing " + what, e);
    } finally {
      if (script != null) {
        script.toFile().delete();
      }
    }
  }
}
