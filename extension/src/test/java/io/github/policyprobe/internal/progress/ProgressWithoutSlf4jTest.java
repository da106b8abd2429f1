package io.github.policyprobe.internal.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an SLF4J provider, a user still sees provisioning and boot progress on the console. */
class ProgressWithoutSlf4jTest {

  @Test
  void provisioningAndBootReachStderrWhenNoProviderIsBound(@TempDir Path folder) throws Exception {
    String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("slf4j-simple"))
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(classPath).contains("slf4j-api");
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath));
    String cache = System.getProperty("policyprobe.cache");
    if (cache != null) {
      command.add("-Dpolicyprobe.cache=" + cache);
    }
    command.add(ProvisionAndBootWithoutSlf4j.class.getName());
    Path stderrFile = folder.resolve("stderr.txt");
    Process child = new ProcessBuilder(command).redirectError(stderrFile.toFile()).start();
    child.getOutputStream().close();
    // The child prints one line to stdout, so waiting before reading it cannot block on a full pipe.
    boolean ended = child.waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly().waitFor();
    }
    String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = Files.readString(stderrFile);
    assertThat(ended).as("child ended within 2 minutes; stderr:%n%s", stderr).isTrue();

    assertThat(child.exitValue()).as("exit code; stderr:%n%s", stderr).isZero();
    assertThat(stdout).contains("booted " + io.github.policyprobe.internal.versions.Versions.KUBERNETES);
    assertThat(stderr)
        .contains("No SLF4J providers were found")
        .contains("[policyprobe] no SLF4J provider is bound")
        .containsPattern("\\[policyprobe] BundledScript: \\[kube-binaries [0-9:]+] cached: kube-apiserver")
        .contains("[policyprobe] LocalControlPlane: local control plane ready at https://127.0.0.1:");
  }

  @Test
  void withAProviderBoundProgressGoesThroughIt() {
    // This JVM has slf4j-simple: progress must follow the user's logging, not bypass it.
    assertThat(ProgressLog.slf4jDiscardsEverything()).isFalse();
    assertThat(ProgressLog.of(getClass())).isNotInstanceOf(ConsoleLogger.class);
  }
}
