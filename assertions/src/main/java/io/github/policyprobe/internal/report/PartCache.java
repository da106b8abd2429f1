package io.github.policyprobe.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The class parts as this JVM last wrote or read them. The page is assembled after every
 * assertion from all parts; parsing every part each time made a suite's report work grow with
 * the square of its assertions. A part is parsed again only when its file is another one now
 * (a fork replaced it: parts are replaced by a move, so the file key changes) or changed in time
 * or size.
 */
final class PartCache {
  private record Stamp(Object fileKey, FileTime modified, long size) {
    static Stamp of(Path file) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
    }
  }

  private record Cached(Stamp stamp, ClassPart.Saved saved) {}

  private final Map<Path, Cached> byFile = new ConcurrentHashMap<>();
  private final AtomicInteger parses = new AtomicInteger();

  ClassPart.Saved read(Path file) throws IOException {
    Path key = file.toAbsolutePath();
    Stamp stamp = Stamp.of(key);
    Cached cached = byFile.get(key);
    if (cached != null && cached.stamp().equals(stamp)) {
      return cached.saved();
    }
    ClassPart.Saved saved = ClassPart.read(key);
    parses.incrementAndGet();
    byFile.put(key, new Cached(stamp, saved));
    return saved;
  }

  /** Remembers what this JVM just wrote to {@code file}, so that it is not parsed back. */
  void wrote(Path file, ClassPart.Saved saved) throws IOException {
    Path key = file.toAbsolutePath();
    byFile.put(key, new Cached(Stamp.of(key), saved));
  }

  /** How many part files were parsed so far, for tests. */
  int parses() {
    return parses.get();
  }
}
