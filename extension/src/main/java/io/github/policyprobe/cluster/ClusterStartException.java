package io.github.policyprobe.cluster;

/** A cluster could not be started; the message says which stage failed and quotes its log. */
public class ClusterStartException extends RuntimeException {
  public ClusterStartException(String message) {
    super(message);
  }

  public ClusterStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
