package io.github.policyprobe.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Compares the verdict record files of runs {@code run-02 ... run-NN} with those of
 * {@code run-01}, byte for byte: a file that differs or is missing counts once per run.
 */
record RecordComparison(int compared, int differing, long recordsPerRun, List<String> differences) {

  static RecordComparison of(Path root, int runs) {
    Path first = records(root, 1);
    List<Path> files = list(first);
    long recordsPerRun = files.stream().mapToLong(RecordComparison::countRecords).sum();
    int compared = 0;
    int differing = 0;
    List<String> differences = new ArrayList<>();
    for (int run = 2; run <= runs; run++) {
      Path other = records(root, run);
      List<String> names = list(other).stream().map(p -> p.getFileName().toString()).toList();
      if (names.size() != files.size()) {
        differences.add("run " + run + " wrote " + names.size() + " record files, run 1 " + files.size());
      }
      for (Path file : files) {
        compared++;
        Path same = other.resolve(file.getFileName().toString());
        if (!Files.exists(same) || !read(file).equals(read(same))) {
          differing++;
          differences.add("run " + run + ": " + file.getFileName() + (Files.exists(same) ? " differs" : " is missing")
              + " (see " + same + ")");
        }
      }
    }
    return new RecordComparison(compared, differing, recordsPerRun, differences);
  }

  private static Path records(Path root, int run) {
    return root.resolve(String.format(Locale.ROOT, "run-%02d", run)).resolve("records");
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".verdicts.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records are written one object per line, each with a "requirement" field. */
  private static long countRecords(Path file) {
    return read(file).lines().filter(l -> l.contains("\"requirement\"")).count();
  }
}
