package io.github.policyprobe.local;

import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.cluster.Versions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds kube-apiserver and etcd in policyprobe's cache, and fills the cache with the bundled
 * kube-binaries.sh (download, else Go build) when they are missing.
 *
 * <p>The cache root is {@code -Dpolicyprobe.cache}, else {@code POLICYPROBE_CACHE}, else
 * {@code ~/.cache/policyprobe}; binaries live in {@code <root>/k8s/<kubernetes version>/}.
 */
public record KubeBinaries(Path apiServer, Path etcd) {
  private static final Logger LOG = LoggerFactory.getLogger(KubeBinaries.class);
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
    LOG.info("kube-apiserver/etcd {} not cached in {}; running kube-binaries.sh (a Go build can take"
        + " several minutes)", kubernetesVersion, folder);
    try {
      Path script = Files.createTempFile("kube-binaries-", ".sh");
      try (InputStream in = KubeBinaries.class.getResourceAsStream("kube-binaries.sh")) {
        Files.write(script, in.readAllBytes());
      }
      ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
      builder.environment().put("POLICYPROBE_CACHE", cacheRoot().toString());
      builder.environment().put("POLICYPROBE_K8S_VERSION", kubernetesVersion);
      if (kubernetesVersion.equals(Versions.KUBERNETES)) {
        builder.environment().put("POLICYPROBE_ETCD_VERSION", Versions.ETCD);
      }
      Process process = builder.start();
      StringBuilder output = new StringBuilder();
      try (var lines = process.inputReader(StandardCharsets.UTF_8).lines()) {
        lines.forEach(line -> {
          LOG.info(line);
          output.append(line).append('\n');
        });
      }
      boolean finished = process.waitFor(PROVISION_TIMEOUT_MINUTES, TimeUnit.MINUTES);
      Files.deleteIfExists(script);
      if (!finished || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new ClusterStartException("could not provide kube-apiserver and etcd "
            + kubernetesVersion + " in " + folder + ":\n" + output);
      }
    } catch (IOException e) {
      throw new ClusterStartException("could not run kube-binaries.sh: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterStartException("interrupted while providing kube-apiserver and etcd", e);
    }
  }
}
