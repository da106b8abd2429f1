package io.github.policyprobe.internal.manifests;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a product's rendered manifests for the assertions module, with the same limits and
 * errors as policy manifests: each object as a plain map, with where it came from. With
 * {@link Locations}, the only part of manifest handling the assertions may use.
 */
public final class ManifestFiles {
  /** A chart rendered with its CRDs (Kyverno's is 3.4 MB) may be larger than any policy file. */
  public static final long MAX_RENDERED_FILE_BYTES = 64L * 1024 * 1024;
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ManifestFiles() {}

  /**
   * One object and where it came from.
   *
   * @param origin such as {@code rendered/acme.yaml, document 3 (line 120): apps/v1 DaemonSet "agent"}
   */
  public record Entry(String origin, String apiVersion, String kind, Map<String, Object> object) {}

  /**
   * Every object in the files and folders (their .yaml/.yml files, sorted), in order, List kinds
   * unpacked.
   *
   * @throws IllegalArgumentException naming the file, the document and what is wrong
   */
  @SuppressWarnings("unchecked")
  public static List<Entry> read(List<Path> locations) {
    try {
      return new ManifestLoader(MAX_RENDERED_FILE_BYTES, true).load(locations.stream().map(Path::toString).toList())
          .stream()
          .map(d -> new Entry(d.describe(), d.apiVersion(), d.kind(),
              (Map<String, Object>) SERIALIZATION.convertValue(d.resource(), Map.class)))
          .toList();
    } catch (ManifestException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
