package io.github.policyprobe.internal.engines;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.policyprobe.internal.kube.GenericResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the engines' own manifests from the cache (their CRDs, namespace, config maps and webhook
 * configurations), exactly as their releases ship them.
 */
final class EngineManifests {
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
  private static final Pattern TOP_LEVEL_KIND = Pattern.compile("(?m)^kind:[ \\t]*(\\S+)[ \\t]*$");
  // Kyverno's ClusterPolicy CRD alone is 1.4 MB of YAML; snakeyaml's default limit is 3 MB.
  private static final int MAX_DOCUMENT_CODE_POINTS = 64 * 1024 * 1024;

  private EngineManifests() {}

  /**
   * The documents of {@code file} whose top-level kind is one of {@code kinds}. Other documents
   * are skipped before parsing: Kyverno's install manifest is 6 MB, almost all CRDs.
   */
  static List<GenericKubernetesResource> read(Path file, Set<String> kinds) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    List<GenericKubernetesResource> resources = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(text)) {
      Matcher kind = TOP_LEVEL_KIND.matcher(document);
      if (kind.find() && kinds.contains(kind.group(1))) {
        resources.add(parse(document, file));
      }
    }
    return resources;
  }

  /** Every CustomResourceDefinition in the YAML files under {@code folder}, in path order. */
  static List<GenericKubernetesResource> crdsUnder(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      List<GenericKubernetesResource> crds = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        crds.addAll(read(file, Set.of("CustomResourceDefinition")));
      }
      return crds;
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder, e);
    }
  }

  private static GenericKubernetesResource parse(String document, Path file) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
    Object tree = new Yaml(new SafeConstructor(options)).load(document);
    if (!(tree instanceof Map<?, ?>)) {
      throw new IllegalStateException(file + " holds a document that is not a YAML mapping");
    }
    return GenericResources.of((Map<?, ?>) tree);
  }
}
