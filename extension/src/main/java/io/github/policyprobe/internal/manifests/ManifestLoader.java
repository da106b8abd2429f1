package io.github.policyprobe.internal.manifests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.policyprobe.internal.kube.GenericResources;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads manifests: files or folders (their .yaml/.yml files, sorted by path), multi-document,
 * with limits that turn hostile input (alias bombs, huge files) into a clear error.
 */
public final class ManifestLoader {
  /** Larger than any policy set we have seen, small enough to fail fast on a wrong file. */
  /** Groups of the API server's own configuration files, which no API serves. */
  private static final Set<String> SERVER_CONFIGURATION_GROUPS =
      Set.of("apiserver.config.k8s.io", "apiserver.k8s.io", "pod-security.admission.config.k8s.io");
  private static final Logger LOG = LoggerFactory.getLogger(ManifestLoader.class);
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  private final long maxFileBytes;
  private final boolean generateNameAllowed;

  /** A loader for policy manifests: files of at most {@link #MAX_FILE_BYTES}. */
  public ManifestLoader() {
    this(MAX_FILE_BYTES, false);
  }

  /**
   * A loader that refuses files larger than {@code maxFileBytes}; objects named by
   * {@code generateName} only are read when {@code generateNameAllowed} (a product's manifests,
   * never applied), refused otherwise (policies need stable names).
   */
  public ManifestLoader(long maxFileBytes, boolean generateNameAllowed) {
    this.maxFileBytes = maxFileBytes;
    this.generateNameAllowed = generateNameAllowed;
  }

  private static final int MAX_ALIASES = 50;
  /** Nodes a document may hold once aliases are expanded; the biggest CRDs stay far below. */
  static final long MAX_EXPANDED_NODES = 1_000_000;
  private static final int MAX_NESTING = 100;

  /** Loads every location in order; the result keeps file order and document order. */
  public List<ManifestDocument> load(List<String> locations) {
    List<ManifestDocument> documents = new ArrayList<>();
    for (String location : locations) {
      for (Path file : filesIn(Locations.require(location, "manifest location"))) {
        documents.addAll(loadFile(file));
      }
    }
    rejectDuplicates(documents);
    return documents;
  }

  private static List<Path> filesIn(Path location) {
    if (!Files.isDirectory(location)) {
      return List.of(location);
    }
    try (Stream<Path> walk = Files.walk(location)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ManifestException("cannot list " + location + ": " + e.getMessage(), e);
    }
  }

  /** Parses one file; the document numbers and lines in errors are this file's. */
  public List<ManifestDocument> loadFile(Path file) {
    String text = read(file);
    List<Integer> startLines = documentStartLines(file, text);
    List<ManifestDocument> documents = new ArrayList<>();
    Iterator<Object> objects = newYaml().loadAll(new StringReader(text)).iterator();
    for (int i = 0; objects.hasNext(); i++) {
      Object object;
      try {
        object = objects.next();
      } catch (YAMLException e) {
        throw malformed(file, e);
      }
      int index = i + 1;
      int line = i < startLines.size() ? startLines.get(i) : 1;
      if (object == null) {
        continue; // an empty document, e.g. after a trailing "---"
      }
      documents.addAll(toDocuments(file, index, line, object));
    }
    return documents;
  }

  private String read(Path file) {
    try {
      long size = Files.size(file);
      if (size > maxFileBytes) {
        throw new ManifestException(file + " is " + size / 1024 + " KiB; manifests larger than "
            + maxFileBytes / 1024 / 1024 + " MiB are refused (is this the right file?)");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ManifestException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** First pass: where each document starts. Composing also enforces the alias limit. */
  private List<Integer> documentStartLines(Path file, String text) {
    List<Integer> lines = new ArrayList<>();
    try (Reader reader = new StringReader(text)) {
      for (Node node : newYaml().composeAll(reader)) {
        lines.add(node.getStartMark().getLine() + 1);
        // Few aliases can still expand exponentially ("billion laughs"); count before building.
        if (ExpandedSize.of(node, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
          throw new ManifestException(file + ", document " + lines.size() + " (line "
              + lines.get(lines.size() - 1) + "): expands to more than " + MAX_EXPANDED_NODES
              + " YAML nodes through aliases; refusing it (an alias bomb?)");
        }
      }
    } catch (YAMLException e) {
      throw malformed(file, e);
    } catch (IOException e) {
      throw new ManifestException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return lines;
  }

  private Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit((int) maxFileBytes);
    options.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(options));
  }

  private static ManifestException malformed(Path file, YAMLException e) {
    if (e instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      Mark mark = marked.getProblemMark();
      Mark context = marked.getContextMark();
      return new ManifestException(file + ": malformed YAML at line " + (mark.getLine() + 1)
          + ", column " + (mark.getColumn() + 1) + ": " + marked.getProblem()
          + (marked.getContext() == null ? "" : " (" + marked.getContext()
              + (context == null ? "" : " started at line " + (context.getLine() + 1)
                  + ", column " + (context.getColumn() + 1)) + ")"), e);
    }
    if (String.valueOf(e.getMessage()).contains("Number of aliases")) {
      return new ManifestException(file + ": refusing it: too many aliases (more than "
          + MAX_ALIASES + "; an alias bomb?)", e);
    }
    return new ManifestException(file + ": malformed YAML: " + e.getMessage(), e);
  }

  private List<ManifestDocument> toDocuments(Path file, int index, int line, Object object) {
    String where = file + ", document " + index + " (line " + line + ")";
    if (!(object instanceof Map<?, ?> map)) {
      throw new ManifestException(where + ": expected a Kubernetes object (a mapping with"
          + " apiVersion, kind and metadata), found " + describeType(object));
    }
    String apiVersion = stringField(map, "apiVersion", where);
    String kind = stringField(map, "kind", where);
    if (kind.equals("List") && apiVersion.equals("v1")) {
      List<ManifestDocument> items = new ArrayList<>();
      if (map.get("items") instanceof List<?> list) {
        for (Object item : list) {
          items.addAll(toDocuments(file, index, line, item));
        }
      }
      return items;
    }
    if (SERVER_CONFIGURATION_GROUPS.contains(apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "")) {
      // An AdmissionConfiguration kept beside the policies is the API server's configuration
      // (@PolicyCluster(admissionConfig)), not an object to apply: a folder of both is common.
      LOG.info("{}: {} {} is API-server configuration, not a cluster object; not applied (name it in"
          + " @PolicyCluster(admissionConfig) to use it)", where, apiVersion, kind);
      return List.of();
    }
    boolean generated = generateNameAllowed && map.get("metadata") instanceof Map<?, ?> meta
        && meta.get("generateName") instanceof String prefix && !prefix.isBlank();
    if (!generated && (!(map.get("metadata") instanceof Map<?, ?> metadata)
        || !(metadata.get("name") instanceof String name) || name.isBlank())) {
      throw new ManifestException(where + ": " + apiVersion + " " + kind
          + " has no metadata.name (generateName is not supported: policies need stable names)");
    }
    GenericKubernetesResource resource;
    try {
      resource = GenericResources.of(map);
    } catch (IllegalArgumentException e) {
      throw new ManifestException(where + ": not a valid Kubernetes object: " + e.getMessage(), e);
    }
    return List.of(new ManifestDocument(file, index, line, resource));
  }

  private static String stringField(Map<?, ?> map, String field, String where) {
    if (map.get(field) instanceof String value && !value.isBlank()) {
      return value;
    }
    throw new ManifestException(where + ": the object has no " + field
        + (map.get("metadata") instanceof Map<?, ?> m && m.get("name") != null
            ? " (metadata.name " + m.get("name") + ")" : ""));
  }

  private static String describeType(Object object) {
    return object instanceof List ? "a list" : "a " + object.getClass().getSimpleName().toLowerCase() + " '" + object + "'";
  }

  private static void rejectDuplicates(List<ManifestDocument> documents) {
    Map<String, ManifestDocument> seen = new HashMap<>();
    for (ManifestDocument document : documents) {
      if (document.resource().getMetadata().getName() == null) {
        continue; // named by generateName: every create makes another
      }
      // No namespace means "default" for a namespaced kind; a cluster-scoped object names none.
      String key = document.group() + "/" + document.kind() + "/"
          + Objects.requireNonNullElse(document.resource().getMetadata().getNamespace(), "default")
          + "/" + document.name();
      ManifestDocument earlier = seen.putIfAbsent(key, document);
      if (earlier != null) {
        throw new ManifestException("two documents define the same object: " + earlier.describe()
            + " and " + document.describe() + ". Rename one or remove the duplicate.");
      }
    }
  }
}
