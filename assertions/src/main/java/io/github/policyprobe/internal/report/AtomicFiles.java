package io.github.policyprobe.internal.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file next to itself, then moves it over: a reader never sees half a file. */
final class AtomicFiles {
  private AtomicFiles() {}

  static void replace(Path file, String content) throws IOException {
    // not createTempFile: its owner-only permissions would stick to the file
    Path temporary = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid()
        + "." + Thread.currentThread().getId() + ".tmp");
    try {
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
