package io.github.policyprobe.internal.spi;

import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.manifests.Locations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The spec's AdmissionConfiguration, found and read once for every backend: relative to the
 * project (working) folder, else on the class path, and checked to be one. kube-apiserver reports
 * a file of the wrong kind only in its log once it has started; checked here it costs no boot and
 * names the file.
 *
 * @param location what the user wrote
 * @param path where it was found
 * @param content its bytes as read now: what the API server gets, whatever happens to the file later
 */
public record AdmissionConfigFile(String location, Path path, byte[] content) {
  private static final Set<String> VERSIONS = Set.of(
      "apiserver.config.k8s.io/v1", "apiserver.config.k8s.io/v1alpha1", "apiserver.k8s.io/v1alpha1");

  public static Optional<AdmissionConfigFile> of(ClusterSpec spec) {
    return spec.admissionConfig().map(AdmissionConfigFile::read);
  }

  private static AdmissionConfigFile read(String location) {
    Path path = Locations.find(location).orElseThrow(() -> new ClusterStartException(
        "AdmissionConfiguration file '" + location + "' not found: no file "
            + Path.of(location).toAbsolutePath().normalize() + " and no class path resource of that name"));
    byte[] content;
    try {
      content = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ClusterStartException("AdmissionConfiguration file '" + location + "' cannot be read: "
          + path + ": " + e, e);
    }
    checkIsAdmissionConfiguration(location, path, content);
    return new AdmissionConfigFile(location, path, content);
  }

  private static void checkIsAdmissionConfiguration(String location, Path path, byte[] content) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(content, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new ClusterStartException("AdmissionConfiguration file '" + location + "' (" + path
          + ") is not valid YAML: " + e.getMessage(), e);
    }
    Map<?, ?> map = document instanceof Map<?, ?> m ? m : Map.of();
    Object kind = map.get("kind");
    Object apiVersion = map.get("apiVersion");
    if (!"AdmissionConfiguration".equals(kind) || !VERSIONS.contains(apiVersion)) {
      Object name = map.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
      throw new ClusterStartException("AdmissionConfiguration file '" + location + "' (" + path + ") holds "
          + (map.isEmpty() ? "no object" : "apiVersion " + apiVersion + ", kind " + kind + (name == null ? "" : " (\"" + name + "\")"))
          + ": kube-apiserver expects kind AdmissionConfiguration with apiVersion "
          + String.join(" or ", VERSIONS.stream().sorted().toList()));
    }
  }
}
