package io.github.policyprobe.local;

import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.cluster.Versions;
import io.github.policyprobe.progress.ProgressLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Finds kube-apiserver and etcd in policyprobe's cache, and fills the cache with the bundled
 * kube-binaries.sh when they are missing: release downloads checked against their published
 * checksums (the Kubernetes release on Linux, controller-tools' envtest archives on Linux and
 * macOS, the etcd release), else a Go build. {@code policyprobe.mirror} redirects the downloads.
 *
 * <p>The cache root is {@code -Dpolicyprobe.cache}, else {@code POLICYPROBE_CACHE}, else
 * {@code ~/.cache/policyprobe}; binaries live in {@code <root>/k8s/<kubernetes version>/}.
 */
public record KubeBinaries(Path apiServer, Path etcd) {
  private static final Logger LOG = ProgressLog.of(KubeBinaries.class);
  private static final long PROVISION_TIMEOUT_MINUTES = 60;

  public static Path cacheRoot() {
    String configured = Optional.ofNullable(System.getProperty("policyprobe.cache"))
        .orElse(System.getenv("POLICYPROBE_CACHE"));
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    return Paths.get(System.getProperty("user.home"), ".cache", "policyprobe");
  }

  /** The binaries of {@code kubernetesVersion}, provisioning them first if they are not cached. */
  public static KubeBinaries forVersion(String kubernetesVersion) {
    Path folder = cacheRoot().resolve("k8s").resolve(kubernetesVersion);
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
    BundledScript.run(KubeBinaries.class, "kube-binaries.sh", List.of(), environment,
        "kube-apiserver and etcd " + kubernetesVersion + " in " + folder);
  }
}
