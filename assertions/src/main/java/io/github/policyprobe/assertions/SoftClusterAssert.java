package io.github.policyprobe.assertions;

import io.github.policyprobe.cluster.Cluster;
import org.assertj.core.api.AssertionErrorCollector;

/**
 * A {@link ClusterAssert} whose failures, and those of the assertions it leads to, are collected
 * instead of thrown. Every failure of the chain goes through {@code failWithMessage}, so catching
 * it there covers the whole chain without AssertJ's proxies, which cannot follow our navigation.
 */
final class SoftClusterAssert extends ClusterAssert {
  private final AssertionErrorCollector collector;

  SoftClusterAssert(Cluster actual, AssertionErrorCollector collector) {
    super(actual);
    this.collector = collector;
  }

  @Override
  protected void failWithMessage(String errorMessage, Object... arguments) {
    try {
      super.failWithMessage(errorMessage, arguments);
    } catch (AssertionError e) {
      collector.collectAssertionError(e);
    }
  }

  /** Collects {@code error} when {@code cluster} is soft; throws it otherwise. */
  static void collectOrThrow(ClusterAssert cluster, AssertionError error) {
    if (!(cluster instanceof SoftClusterAssert soft)) {
      throw error;
    }
    soft.collector.collectAssertionError(error);
  }
}
