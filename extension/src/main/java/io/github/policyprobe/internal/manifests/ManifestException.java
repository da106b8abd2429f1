package io.github.policyprobe.internal.manifests;

/** A manifest could not be read or applied; the message names the file, the document and why. */
public class ManifestException extends RuntimeException {
  public ManifestException(String message) {
    super(message);
  }

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
