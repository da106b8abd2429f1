package io.github.policyprobe.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.internal.wait.BoundedWait;
import io.github.policyprobe.internal.wait.BoundedWait.NotYet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

  @Test
  void closeKillsTheProcessWithoutAskingItToStop(@TempDir Path folder) throws Exception {
    Path said = folder.resolve("said");
    // A process that would answer SIGTERM by writing a line, and is ready once it wrote "up".
    ManagedProcess process = ManagedProcess.start("stubborn", List.of("/bin/sh", "-c",
        "trap 'echo terminated >> " + said + "; exit 0' TERM; echo up >> " + said
            + "; while :; do sleep 0.05; done"), Map.of(), folder, Optional.empty());
    BoundedWait.until(Duration.ofSeconds(10), "the process to start", () -> {
      if (!readOrEmpty(said).contains("up")) {
        throw new NotYet("it has not written 'up' yet");
      }
      return true;
    });
    long pid = process.pid().orElseThrow();

    process.close();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("the process after close()")
        .isNotEqualTo(Optional.of(true));
    assertThat(Files.readString(said)).as("what the process said").isEqualTo("up\n");
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
