package io.github.policyprobe.internal.report;

import io.github.policyprobe.internal.junit.TestClassListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * On GitHub Actions ({@code GITHUB_STEP_SUMMARY} set), appends each finished class's results to
 * the job summary, and stops at GitHub's limit with a pointer to the HTML report instead of
 * letting the summary be dropped.
 */
public final class GithubStepSummary implements TestClassListener {
  /** GitHub refuses a step summary larger than this. */
  static final int LIMIT = 65_536;
  static final String CUT = "\n\n_policyprobe: the summary stops here to stay under GitHub's 65,536-character"
      + " limit; every result is in `target/policyprobe/report.html` (upload it as an artifact)._\n";

  @Override
  public void classFinished(String testClass) {
    String file = System.getenv("GITHUB_STEP_SUMMARY");
    String markdown = Report.summaryMarkdown(testClass);
    if (file == null || file.isBlank() || markdown.isEmpty()) {
      return;
    }
    try {
      append(Path.of(file), markdown, LIMIT);
    } catch (IOException e) {
      throw new UncheckedIOException("could not append to GITHUB_STEP_SUMMARY " + file, e);
    }
  }

  /**
   * Appends {@code text} if the file stays within {@code limit} bytes with room for the cut note;
   * otherwise appends the note once. Forks append under a lock.
   */
  static void append(Path file, String text, int limit) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      long size = channel.size();
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      byte[] cut = CUT.getBytes(StandardCharsets.UTF_8);
      if (endsWithCut(channel, size, cut)) {
        return; // already cut: what follows would read as if nothing were missing
      }
      if (size + bytes.length + cut.length <= limit) {
        channel.write(ByteBuffer.wrap(bytes), size);
      } else if (size + cut.length <= limit) {
        channel.write(ByteBuffer.wrap(cut), size);
      }
    }
  }

  private static boolean endsWithCut(FileChannel channel, long size, byte[] cut) throws IOException {
    if (size < cut.length) {
      return false;
    }
    ByteBuffer tail = ByteBuffer.allocate(cut.length);
    channel.read(tail, size - cut.length);
    return java.util.Arrays.equals(tail.array(), cut);
  }
}
