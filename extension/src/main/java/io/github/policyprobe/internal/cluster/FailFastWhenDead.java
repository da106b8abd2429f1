package io.github.policyprobe.internal.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.github.policyprobe.internal.spi.StartedCluster;

/**
 * Refuses to send a request to a cluster whose own etcd or kube-apiserver has died: the HTTP
 * client would otherwise retry for seconds (or wait a minute for a dead etcd behind a live API
 * server) and then report a transport error that names neither process.
 */
final class FailFastWhenDead implements Interceptor {
  private final StartedCluster cluster;

  FailFastWhenDead(StartedCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    cluster.whatDied().ifPresent(death -> {
      throw new KubernetesClientException("not sending " + request.method() + " " + request.uri()
          + ": the cluster is down, " + death);
    });
  }
}
