package io.github.policyprobe.internal.engines;

import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.internal.pinned.PinnedEngine.LocalBuild;
import io.github.policyprobe.internal.process.BinaryCache;
import io.github.policyprobe.internal.process.BundledScript;
import io.github.policyprobe.internal.process.ProvisioningException;
import io.github.policyprobe.internal.progress.ProgressLog;
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

  /** The engine's cache folder: {@code <cache>/engines/<scriptName>-<version>}. */
  static Path folderOf(PinnedEngine engine) {
    return BinaryCache.root().resolve("engines").resolve(engine.localBuild().scriptName() + "-" + engine.version());
  }

  /** Kyverno's admission controller, its CRDs ({@code crds/}) and install manifest. */
  public static EngineBinaries kyverno() {
    return provided(PinnedEngine.KYVERNO);
  }

  /** Gatekeeper's controller manager and its deploy manifest ({@code gatekeeper.yaml}). */
  public static EngineBinaries gatekeeper() {
    return provided(PinnedEngine.GATEKEEPER);
  }

  public Path file(String name) {
    return folder.resolve(name);
  }

  static EngineBinaries provided(PinnedEngine engine) {
    LocalBuild build = engine.localBuild();
    if (!present(engine)) {
      provision(engine);
    }
    if (!present(engine)) {
      throw new ClusterStartException(engine + " is not in " + folderOf(engine)
          + " even after engine-binaries.sh ran; expected " + build.executable() + ", "
          + String.join(", ", build.runtimeFiles()) + " and a SOURCE stamp naming "
          + build.module() + " " + engine.version());
    }
    return new EngineBinaries(folderOf(engine), folderOf(engine).resolve(build.executable()));
  }

  /** The same test as the script's: the files are there and the stamp names the pinned module. */
  static boolean present(PinnedEngine engine) {
    LocalBuild build = engine.localBuild();
    Path folder = folderOf(engine);
    if (!Files.isExecutable(folder.resolve(build.executable()))
        || !build.runtimeFiles().stream().allMatch(name -> Files.exists(folder.resolve(name)))) {
      return false;
    }
    try {
      List<String> stamp = Files.readAllLines(folder.resolve("SOURCE"), StandardCharsets.UTF_8);
      return !stamp.isEmpty() && stamp.get(0).equals(build.module() + " " + engine.version());
    } catch (IOException e) {
      return false;
    }
  }

  private static void provision(PinnedEngine engine) {
    LOG.info("{} is not cached in {}; running engine-binaries.sh (a cold Go build takes several"
        + " minutes)", engine, folderOf(engine));
    try {
      BundledScript.run(EngineBinaries.class, "engine-binaries.sh", List.of(engine.localBuild().scriptName()),
          Map.of("POLICYPROBE_KYVERNO_VERSION", PinnedEngine.KYVERNO.version(),
              "POLICYPROBE_GATEKEEPER_VERSION", PinnedEngine.GATEKEEPER.version()),
          engine + " in " + folderOf(engine));
    } catch (ProvisioningException e) {
      throw new ClusterStartException(e.getMessage(), e);
    }
  }
}
