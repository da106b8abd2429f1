package io.github.policyprobe.internal.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The little JSON the report files need: strings quoted by hand (so the output is byte-for-byte
 * stable) and files read back with SnakeYAML, since JSON as written here is valid YAML.
 */
final class JsonText {
  private JsonText() {}

  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
            out.append(String.format("\\u%04x", (int) c)); // characters YAML would refuse or fold
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** The parsed document; an unreadable file is an IOException naming it. */
  static Object parse(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(Integer.MAX_VALUE);
      return new Yaml(new SafeConstructor(options)).load(text);
    } catch (RuntimeException e) {
      throw new IOException(file + ": not valid JSON (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
          + ")", e);
    }
  }
}
