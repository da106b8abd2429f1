package io.github.policyprobe.engines;

import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.process.BinaryCache;
import io.github.policyprobe.process.BundledScript;
import io.github.policyprobe.process.ProvisioningException;
import io.github.policyprobe.progress.ProgressLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * An engine's binary and the files it needs at run time, in policyprobe's cache next to
 * kube-apiserver: {@code <cache>/engines/<name>-<version>/}. When they are missing, the bundled
 * engine-binaries.sh builds them from the Go module proxy (several minutes, once).
 *
 * @param folder the engine's cache folder
 * @param executable the binary in it
 */
public record EngineBinaries(Path folder, Path executable) {
  private static final Logger LOG = ProgressLog.of(EngineBinaries.class);
  private static final long BUILD_TIMEOUT_MINUTES = 60;

  /** What the cache holds for one engine, and how the script names it. */
  enum Build {
    KYVERNO("kyverno", EngineVersions.KYVERNO, "github.com/kyverno/kyverno", "kyverno",
        List.of("crds", "install.yaml")),
    GATEKEEPER("gatekeeper", EngineVersions.GATEKEEPER, "github.com/open-policy-agent/gatekeeper/v3",
        "manager", List.of("gatekeeper.yaml"));

    final String scriptName;
    final String version;
    final String module;
    final String executable;
    final List<String> runtimeFiles;

    Build(String scriptName, String version, String module, String executable, List<String> runtimeFiles) {
      this.scriptName = scriptName;
      this.version = version;
      this.module = module;
      this.executable = executable;
      this.runtimeFiles = runtimeFiles;
    }

    Path folder() {
      return BinaryCache.root().resolve("engines").resolve(scriptName + "-" + version);
    }

    @Override
    public String toString() {
      return scriptName + " " + version;
    }
  }

  /** Kyverno's admission controller, its CRDs ({@code crds/}) and install manifest. */
  public static EngineBinaries kyverno() {
    return provided(Build.KYVERNO);
  }

  /** Gatekeeper's controller manager and its deploy manifest ({@code gatekeeper.yaml}). */
  public static EngineBinaries gatekeeper() {
    return provided(Build.GATEKEEPER);
  }

  public Path file(String name) {
    return folder.resolve(name);
  }

  static EngineBinaries provided(Build build) {
    if (!present(build)) {
      provision(build);
    }
    if (!present(build)) {
      throw new ClusterStartException(build + " is not in " + build.folder()
          + " even after engine-binaries.sh ran; expected " + build.executable + ", "
          + String.join(", ", build.runtimeFiles) + " and a SOURCE stamp naming "
          + build.module + " " + build.version);
    }
    return new EngineBinaries(build.folder(), build.folder().resolve(build.executable));
  }

  /** The same test as the script's: the files are there and the stamp names the pinned module. */
  static boolean present(Build build) {
    Path folder = build.folder();
    if (!Files.isExecutable(folder.resolve(build.executable))
        || !build.runtimeFiles.stream().allMatch(name -> Files.exists(folder.resolve(name)))) {
      return false;
    }
    try {
      List<String> stamp = Files.readAllLines(folder.resolve("SOURCE"), StandardCharsets.UTF_8);
      return !stamp.isEmpty() && stamp.get(0).equals(build.module + " " + build.version);
    } catch (IOException e) {
      return false;
    }
  }

  private static void provision(Build build) {
    LOG.info("{} is not cached in {}; running engine-binaries.sh (a cold Go build takes several"
        + " minutes)", build, build.folder());
    try {
      BundledScript.run(EngineBinaries.class, "engine-binaries.sh", List.of(build.scriptName),
          Map.of("POLICYPROBE_KYVERNO_VERSION", EngineVersions.KYVERNO,
              "POLICYPROBE_GATEKEEPER_VERSION", EngineVersions.GATEKEEPER),
          build + " in " + build.folder());
    } catch (ProvisioningException e) {
      throw new ClusterStartException(e.getMessage(), e);
    }
  }
}
