package io.github.policyprobe.internal.process;

/** A bundled script could not provide binaries; the message quotes its output. */
public final class ProvisioningException extends RuntimeException {
  ProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
