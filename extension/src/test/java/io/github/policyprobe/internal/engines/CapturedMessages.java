package io.github.policyprobe.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real engine messages, kept under src/test/resources/engines/ for the assertions module's parser
 * tests. A test compares each live message with its file, so the files stay what the engines
 * really say. Run with {@code -Dpolicyprobe.capture=<folder>} to (re)write them there instead.
 */
final class CapturedMessages {
  private CapturedMessages() {}

  static void assertSameAsCaptured(String resource, String live) {
    String capture = System.getProperty("policyprobe.capture");
    if (capture != null && !capture.isBlank()) {
      try {
        Path file = Path.of(capture).resolve(resource);
        Files.createDirectories(file.getParent());
        Files.writeString(file, live, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (InputStream in = CapturedMessages.class.getResourceAsStream("/engines/" + resource)) {
      assertThat(in).as("captured message engines/%s (capture it with -Dpolicyprobe.capture)", resource)
          .isNotNull();
      assertThat(live).as("the live message vs engines/%s", resource)
          .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
