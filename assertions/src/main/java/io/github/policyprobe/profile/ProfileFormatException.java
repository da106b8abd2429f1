package io.github.policyprobe.profile;

/** A requirement profile file that cannot be read; the message names the file and the entry. */
public class ProfileFormatException extends IllegalArgumentException {
  public ProfileFormatException(String message) {
    super(message);
  }

  public ProfileFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
