package io.github.policyprobe.internal.helm;

import io.github.policyprobe.internal.process.BinaryCache;
import io.github.policyprobe.internal.process.BundledScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a chart with {@code helm template}, as a team's CI would before installing it. helm
 * comes from policyprobe's cache, built from its Go module by the bundled helm-binary.sh when
 * missing (a few minutes, once), since release downloads are not always reachable.
 */
public final class HelmTemplate {
  /** The helm.sh/helm/v4 version policyprobe builds. */
  public static final String HELM_VERSION = "v4.3.2";
  private static final long TIMEOUT_SECONDS = 120;

  private HelmTemplate() {}

  /** The cached helm binary, built first if it is missing. */
  public static Path helm() {
    Path binary = BinaryCache.root().resolve("helm").resolve(HELM_VERSION).resolve("helm");
    if (!Files.isExecutable(binary)) {
      BundledScript.run(HelmTemplate.class, "helm-binary.sh", List.of(),
          Map.of("POLICYPROBE_HELM_VERSION", HELM_VERSION), "helm " + HELM_VERSION + " in " + binary.getParent());
    }
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("helm " + HELM_VERSION + " is not in " + binary.getParent()
          + " even after running helm-binary.sh");
    }
    return binary;
  }

  /**
   * The manifests {@code chart} renders to as release {@code release} in {@code namespace} on
   * Kubernetes {@code kubeVersion}, with the values files in order (later ones win, as in helm).
   *
   * @throws IllegalArgumentException when helm refuses the chart or a values file; the message
   *     names the chart and quotes helm
   */
  public static String render(Path chart, String release, String namespace, String kubeVersion, List<Path> valuesFiles) {
    if (!Files.isDirectory(chart) && !Files.isRegularFile(chart)) {
      throw new IllegalArgumentException(chart + ": no such chart folder or archive");
    }
    for (Path values : valuesFiles) {
      if (!Files.isRegularFile(values)) {
        throw new IllegalArgumentException(values + ": no such values file (for chart " + chart + ")");
      }
    }
    List<String> command = new ArrayList<>(List.of(helm().toString(), "template", release, chart.toString(),
        "--namespace", namespace, "--kube-version", kubeVersion));
    valuesFiles.forEach(values -> command.addAll(List.of("--values", values.toString())));
    try {
      Process process = new ProcessBuilder(command).start();
      CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      String output = read(process.getInputStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalArgumentException(chart + ": helm template did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalArgumentException(chart + ": helm template failed: " + errors.join().strip());
      }
      return output;
    } catch (IOException e) {
      throw new IllegalArgumentException(chart + ": cannot run helm template: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException(chart + ": interrupted while rendering", e);
    }
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
