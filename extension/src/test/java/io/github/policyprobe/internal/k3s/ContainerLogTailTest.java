package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.output.OutputFrame;

class ContainerLogTailTest {

  @Test
  void keepsTheLastLinesInOrder() {
    ContainerLogTail tail = new ContainerLogTail(2);

    tail.accept(frame("starting k3s\n"));
    tail.accept(frame("E apiserver: admission-control-config-file: invalid\nFATAL k3s exited\n"));

    assertThat(tail.text()).isEqualTo(
        "  | E apiserver: admission-control-config-file: invalid\n  | FATAL k3s exited\n");
  }

  @Test
  void saysSoWhenTheContainerPrintedNothing() {
    assertThat(new ContainerLogTail(5).text()).isEqualTo("  (the container printed nothing)");
  }

  private static OutputFrame frame(String text) {
    return new OutputFrame(OutputFrame.OutputType.STDOUT, text.getBytes(StandardCharsets.UTF_8));
  }
}
