package io.github.policyprobe.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test class's verdict records as JSON: sorted, one record per line, so that two runs on the
 * same policies write the same bytes and a change reads as a one-line diff in a pull request.
 */
public final class RecordFile {
  private RecordFile() {}

  public static String render(String testClass, List<VerdictRecord> records) {
    StringBuilder json = new StringBuilder("{\n  \"testClass\": ").append(JsonText.quote(testClass))
        .append(",\n  \"verdicts\": [");
    List<VerdictRecord> sorted = new ArrayList<>(records);
    sorted.sort(VerdictRecord.ORDER);
    for (int i = 0; i < sorted.size(); i++) {
      json.append(i == 0 ? "\n    {" : ",\n    {");
      List<String> values = sorted.get(i).values();
      for (int f = 0; f < values.size(); f++) {
        json.append(f == 0 ? "" : ", ").append(JsonText.quote(VerdictRecord.FIELDS.get(f))).append(": ").append(JsonText.quote(values.get(f)));
      }
      json.append('}');
    }
    return json.append(sorted.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  public static void write(Path file, String testClass, List<VerdictRecord> records) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.replace(file, render(testClass, records));
  }

  /** The records in {@code file}; a file that is not a record file is an error naming it. */
  public static List<VerdictRecord> read(Path file) throws IOException {
    Object loaded = JsonText.parse(file);
    if (!(loaded instanceof Map<?, ?> map) || !(map.get("verdicts") instanceof List<?> verdicts)) {
      throw new IOException(file + ": not a verdict record file (no \"verdicts\" list)");
    }
    List<VerdictRecord> records = new ArrayList<>();
    for (Object entry : verdicts) {
      if (!(entry instanceof Map<?, ?> fields)) {
        throw new IOException(file + ": verdict " + (records.size() + 1) + " is not an object");
      }
      records.add(VerdictRecord.of(fields));
    }
    return records;
  }
}
