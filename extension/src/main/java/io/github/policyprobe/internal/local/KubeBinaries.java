package io.github.policyprobe.internal.local;

import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.process.BinaryCache;
import io.github.policyprobe.internal.process.BundledScript;
import io.github.policyprobe.internal.process.ProvisioningException;
import io.github.policyprobe.internal.progress.ProgressLog;
import io.github.policyprobe.internal.versions.KubernetesVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Finds kube-apiserver and etcd in policyprobe's cache, and fills the cache with the bundled
 * kube-binaries.sh when they are missing: release downloads checked against their published
 * checksums (the Kubernetes release on Linux, controller-tools' envtest archives on Linux and
 * macOS, the etcd release), else a Go build. {@code policyprobe.mirror} redirects the downloads.
 *
 * <p>Binaries live in {@code <cache root>/k8s/<kubernetes version>/} ({@link BinaryCache}).
 */
public record KubeBinaries(Path apiServer, Path etcd) {
  private static final Logger LOG = ProgressLog.of(KubeBinaries.class);
  private static final long PROVISION_TIMEOUT_MINUTES = 60;

  /** The binaries of {@code kubernetesVersion}, provisioning them first if they are not cached. */
  public static KubeBinaries forVersion(String kubernetesVersion) {
    Path folder = BinaryCache.root().resolve("k8s").resolve(kubernetesVersion);
    KubeBinaries binaries = new KubeBinaries(folder.resolve("kube-apiserver"), folder.resolve("etcd"));
    if (!binaries.present()) {
      provision(kubernetesVersion, folder);
    }
    if (!binaries.present()) {
      throw new ClusterStartException("kube-apiserver and etcd " + kubernetesVersion
          + " are not in " + folder + " even after running kube-binaries.sh");
    }
    return binaries;
  }

  private boolean present() {
    return Files.isExecutable(apiServer) && Files.isExecutable(etcd);
  }

  private static void provision(String kubernetesVersion, Path folder) {
    String etcd = KubernetesVersions.etcdFor(kubernetesVersion).orElseThrow(() -> new ClusterStartException(
        "Kubernetes " + kubernetesVersion + ": policyprobe does not know which etcd release Kubernetes "
            + KubernetesVersions.minorOf(kubernetesVersion) + " runs with (it knows "
            + String.join(", ", KubernetesVersions.minors()) + "), so it cannot provision " + folder
            + ". Put kube-apiserver and etcd there yourself, or name a known minor."));
    LOG.info("kube-apiserver {} and etcd {} not cached in {}; running kube-binaries.sh to download them (or,"
        + " where no download is possible, to build them from Go modules: several minutes)", kubernetesVersion, etcd,
        folder);
    Map<String, String> environment = Map.of("POLICYPROBE_K8S_VERSION", kubernetesVersion,
        "POLICYPROBE_ETCD_VERSION", etcd);
    try {
      BundledScript.run(KubeBinaries.class, "kube-binaries.sh", List.of(), environment,
          "kube-apiserver " + kubernetesVersion + " and etcd " + etcd + " in " + folder);
    } catch (ProvisioningException e) {
      throw new ClusterStartException("Kubernetes " + kubernetesVersion + " cannot be provisioned (tried the cache "
          + folder + ", release downloads, then a build from Go modules): " + e.getMessage(), e);
    }
  }
}
