package io.github.policyprobe.local;

import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.cluster.Versions;
import io.github.policyprobe.process.BinaryCache;
import io.github.policyprobe.process.BundledScript;
import io.github.policyprobe.process.ProvisioningException;
import io.github.policyprobe.progress.ProgressLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
    LOG.info("kube-apiserver/etcd {} not cached in {}; running kube-binaries.sh to download them (or,"
        + " where no download is possible, to build them from Go modules: several minutes)", kubernetesVersion, folder);
    Map<String, String> environment = new HashMap<>(Map.of("POLICYPROBE_K8S_VERSION", kubernetesVersion));
    if (kubernetesVersion.equals(Versions.KUBERNETES)) {
      environment.put("POLICYPROBE_ETCD_VERSION", Versions.ETCD);
    }
    try {
      BundledScript.run(KubeBinaries.class, "kube-binaries.sh", List.of(), environment,
          "kube-apiserver and etcd " + kubernetesVersion + " in " + folder);
    } catch (ProvisioningException e) {
      throw new ClusterStartException(e.getMessage(), e);
    }
  }
}
