package io.github.policyprobe.internal.engines;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.policyprobe.internal.tls.CertificateAuthority;
import java.nio.file.Path;

/**
 * What an engine process needs from the control plane it runs next to; a backend that runs
 * engines as processes hands it over.
 *
 * @param kubeconfigFile an admin kubeconfig the engine connects with
 * @param kubeconfigYaml the same, for policyprobe's own client
 * @param scratchFolder the cluster's private folder; each engine keeps its log and files in a
 *     subfolder, removed with the cluster
 * @param certificateAuthority the cluster's CA, which signs webhook serving certificates that the
 *     API server trusts through caBundle
 */
public record EngineHost(
    Path kubeconfigFile, String kubeconfigYaml, Path scratchFolder,
    CertificateAuthority certificateAuthority) {

  KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
  }
}
