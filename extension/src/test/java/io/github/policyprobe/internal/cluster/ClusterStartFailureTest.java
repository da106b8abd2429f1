package io.github.policyprobe.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.spi.StartedCluster;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A cluster that dies, or never finishes its bootstrap, between its backend's start and the
 * facade's first request fails the start as a start: the caller gets a ClusterStartException with
 * the backend's account of it, never the HTTP client's refusal of a request to a dead cluster.
 * The cluster here answers nothing: the fail-fast interceptor refuses every request before it is
 * sent, so no API server is needed to see which exception comes out.
 */
class ClusterStartFailureTest {
  private static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      clusters:
      - name: nowhere
        cluster:
          server: https://127.0.0.1:9
      users:
      - name: nobody
        user:
          token: none
      contexts:
      - name: nowhere
        context:
          cluster: nowhere
          user: nobody
      current-context: nowhere
      """;

  @Test
  void aBootstrapThatTimedOutIsReportedWithItsOwnMessage() {
    DeadCluster started = new DeadCluster("kube-apiserver never finished its bootstrap: timed out",
        new ClusterStartException("kube-apiserver did not become ready within 1 s (last /readyz"
            + " answer: no answer yet).\netcd log: ...\nkube-apiserver log: ..."));

    assertThatThrownBy(() -> Clusters.open(ClusterSpec.defaults(), started, System.nanoTime()))
        .isSameAs(started.bootstrapFailure);
    assertThat(started.closed).as("the half-started cluster was stopped").isTrue();
  }

  @Test
  void aProcessThatDiedIsNamedInAClusterStartException() {
    DeadCluster started = new DeadCluster("etcd exited with code 2: member has already been bootstrapped", null);

    assertThatThrownBy(() -> Clusters.open(ClusterSpec.defaults(), started, System.nanoTime()))
        .isInstanceOf(ClusterStartException.class)
        .hasMessage("the cluster died while it started: etcd exited with code 2: member has already"
            + " been bootstrapped")
        .cause().hasMessageContaining("not sending GET https://127.0.0.1:9/version");
    assertThat(started.closed).isTrue();
  }

  /** A started cluster whose processes are gone; its bootstrap failed if given a failure. */
  private static final class DeadCluster implements StartedCluster {
    final String death;
    final ClusterStartException bootstrapFailure;
    volatile boolean closed;

    DeadCluster(String death, ClusterStartException bootstrapFailure) {
      this.death = death;
      this.bootstrapFailure = bootstrapFailure;
    }

    @Override
    public String kubeconfigYaml() {
      return KUBECONFIG;
    }

    @Override
    public Backend backend() {
      return Backend.LOCAL;
    }

    @Override
    public Optional<String> whatDied() {
      return Optional.of(death);
    }

    @Override
    public void awaitBootstrapped() {
      if (bootstrapFailure != null) {
        throw bootstrapFailure;
      }
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
