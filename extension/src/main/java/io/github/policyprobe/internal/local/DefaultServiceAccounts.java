package io.github.policyprobe.internal.local;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the "default" ServiceAccount in every namespace, the one job of kube-controller-manager
 * that admission depends on: the ServiceAccount admission plugin (on in k3s) rejects pods in a
 * namespace that lacks it. A local control plane has no controller manager, so this stands in.
 */
final class DefaultServiceAccounts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultServiceAccounts.class);

  private final KubernetesClient client;
  private final SharedIndexInformer<Namespace> informer;

  private DefaultServiceAccounts(KubernetesClient client, SharedIndexInformer<Namespace> informer) {
    this.client = client;
    this.informer = informer;
  }

  static DefaultServiceAccounts start(KubernetesClient client) {
    // Started, not awaited: whoever needs a namespace's account waits for that account itself.
    SharedIndexInformer<Namespace> informer = client.namespaces().runnableInformer(0);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Namespace namespace) {
        ensure(client, namespace);
      }

      @Override
      public void onUpdate(Namespace before, Namespace after) {}

      @Override
      public void onDelete(Namespace namespace, boolean unknownFinalState) {}
    });
    informer.start();
    return new DefaultServiceAccounts(client, informer);
  }

  private static void ensure(KubernetesClient client, Namespace namespace) {
    String name = namespace.getMetadata().getName();
    if (namespace.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    try {
      client.serviceAccounts().inNamespace(name)
          .resource(new ServiceAccountBuilder().withNewMetadata().withName("default")
              .withNamespace(name).endMetadata().build())
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) { // 409: it exists already
        LOG.warn("could not create the default ServiceAccount in {}: {}", name, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    informer.close();
    try {
      // Closing the client while the watch is still winding down makes its HTTP layer log
      // rejected tasks at ERROR; the informer says when it has stopped.
      informer.stopped().toCompletableFuture().get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("the namespace informer did not report stopping: {}", e.toString());
    }
    client.close();
  }
}
