package io.github.policyprobe.cluster;

/** Where a {@link Cluster} comes from. */
public enum Backend {
  /** k3s when a Docker engine answers, otherwise the local control plane. */
  AUTO,
  /** A k3s container started by Testcontainers (needs Docker and the rancher/k3s image). */
  K3S,
  /** kube-apiserver and etcd as local processes on 127.0.0.1. */
  LOCAL,
  /** A cluster that already runs, named by a kubeconfig: nothing boots, everything is a dry-run. */
  EXISTING
}
