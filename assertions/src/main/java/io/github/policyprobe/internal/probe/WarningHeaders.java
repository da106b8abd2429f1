package io.github.policyprobe.internal.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text out of HTTP {@code Warning} headers ({@code 299 - "text"}, RFC 7234 section
 * 5.5). The API server sends one header per warning; some clients fold several into one value
 * separated by commas, so both are read.
 */
final class WarningHeaders {
  private WarningHeaders() {}

  public static List<String> texts(List<String> headerValues) {
    List<String> texts = new ArrayList<>();
    for (String value : headerValues) {
      texts.addAll(textsOf(value));
    }
    return texts;
  }

  static List<String> textsOf(String value) {
    List<String> texts = new ArrayList<>();
    int at = 0;
    while (at < value.length()) {
      at = skip(value, at, " ,");
      if (at >= value.length()) {
        break;
      }
      int quote = value.indexOf('"', at);
      if (quote < 0 || !value.substring(at, quote).trim().matches("\\d{3} \\S+")) {
        texts.add(value.substring(at).trim()); // not in warn-code agent "text" form: keep as is
        break;
      }
      StringBuilder text = new StringBuilder();
      int end = readQuoted(value, quote, text);
      texts.add(text.toString());
      at = skipDate(value, end);
    }
    return texts;
  }

  /** Reads a quoted string starting at {@code quote}; returns the index after its closing quote. */
  private static int readQuoted(String value, int quote, StringBuilder into) {
    int at = quote + 1;
    while (at < value.length()) {
      char c = value.charAt(at);
      if (c == '\\' && at + 1 < value.length()) {
        into.append(value.charAt(at + 1));
        at += 2;
      } else if (c == '"') {
        return at + 1;
      } else {
        into.append(c);
        at++;
      }
    }
    return at;
  }

  private static int skipDate(String value, int at) {
    int next = skip(value, at, " ");
    if (next < value.length() && value.charAt(next) == '"') {
      return readQuoted(value, next, new StringBuilder());
    }
    return at;
  }

  private static int skip(String value, int at, String characters) {
    while (at < value.length() && characters.indexOf(value.charAt(at)) >= 0) {
      at++;
    }
    return at;
  }
}
