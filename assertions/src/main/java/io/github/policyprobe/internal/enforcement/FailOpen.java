package io.github.policyprobe.internal.enforcement;

/**
 * An admission check that was skipped while the probes ran because it could not decide and its
 * failure policy is Ignore: every probe it should have judged was admitted without it.
 *
 * @param what such as {@code validating webhook "validation.gatekeeper.sh"} or
 *     {@code ValidatingAdmissionPolicy 'uid-range' with binding 'uid-range-binding'}
 * @param times how often it failed open during the probes
 * @param cause why, as far as anything policyprobe can read says: connection refused, a
 *     timeout, a certificate error, a CEL expression that could not be evaluated
 */
public record FailOpen(String what, long times, String cause) {

  /** Such as {@code validating webhook "deny.example.com" failed open 3 times: connection refused (...)}. */
  public String describe() {
    return what + " failed open " + (times == 1 ? "once" : times + " times") + " while the probes ran: " + cause;
  }
}
