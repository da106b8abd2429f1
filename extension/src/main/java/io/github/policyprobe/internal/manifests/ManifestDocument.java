package io.github.policyprobe.internal.manifests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;

/**
 * One object read from a YAML file, with where it came from, so that every error can point at
 * the file, the document and its line.
 *
 * @param file the file it was read from
 * @param index 1-based position of the document in the file
 * @param line 1-based line on which the document starts
 */
public record ManifestDocument(Path file, int index, int line, GenericKubernetesResource resource) {

  public String apiVersion() {
    return resource.getApiVersion();
  }

  public String kind() {
    return resource.getKind();
  }

  /** The name, or for an object named by generateName only, that prefix. */
  public String name() {
    String name = resource.getMetadata().getName();
    return name != null ? name : resource.getMetadata().getGenerateName();
  }

  /** The group part of apiVersion, "" for the core group. */
  public String group() {
    String apiVersion = apiVersion();
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** e.g. {@code policies/vap.yaml, document 2 (line 14): ValidatingAdmissionPolicy "uid-range"}. */
  public String describe() {
    String namespace = resource.getMetadata().getNamespace();
    return file + ", document " + index + " (line " + line + "): " + apiVersion() + " " + kind()
        + " \"" + (namespace == null ? "" : namespace + "/") + name() + "\"";
  }
}
