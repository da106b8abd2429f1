package io.github.policyprobe.profile;

import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.probe.PodChanges;
import io.github.policyprobe.probe.ProbeKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads a requirement profile from YAML, for teams that keep it as data:
 *
 * <pre>
 * name: acme-agent
 * installNamespace: acme            # optional here; installedIn(...) sets it in code
 * applicationNamespaces: [shop]
 * requirements:
 *   - id: cap-net-admin
 *     why: configures routes on the node
 *     where: install                # install | application | all (the default)
 *     addCapabilities: [NET_ADMIN]
 *   - id: agent-shape
 *     why: the node agent as its chart renders it
 *     where: install
 *     kind: DaemonSet               # Pod (the default), Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob
 *     runAsRoot: true
 *     hostNetwork: true
 *     hostPort: [9100]
 *     hostPath:                     # a path, {path, type, mountPropagation, readOnly}, or a list
 *       - /proc
 *       - {path: /var/lib/kubelet/pods, type: DirectoryOrCreate, mountPropagation: HostToContainer}
 *   - id: data-groups
 *     why: writes restored files as the volume's groups
 *     kind: Deployment
 *     runAsUser: 1000
 *     variants:                     # one probe each, on top of the keys above
 *       - {label: fsGroup 2000, fsGroup: 2000}
 *       - {label: fsGroup 3000, fsGroup: 3000}
 * </pre>
 *
 * The same changes as {@link PodChanges}, one key each; see {@link #CHANGE_KEYS} and the JSON
 * Schema {@code io/github/policyprobe/requirement-profile.schema.json}, which a test keeps equal
 * to this reader. Unknown keys are errors, so a misspelt field never silently checks nothing;
 * every error names the file, the line, the entry and what is wrong.
 */
final class ProfileYaml {
  static final long MAX_BYTES = 1_000_000;
  static final Set<String> TOP_KEYS =
      Set.of("name", "installNamespace", "applicationNamespaces", "requirements");
  static final Set<String> REQUIREMENT_KEYS = Set.of("id", "why", "where", "kind", "variants");
  static final List<String> HOST_PATH_TYPES = List.of(
      "", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice");
  static final List<String> MOUNT_PROPAGATIONS = List.of("None", "HostToContainer", "Bidirectional");

  /** Each change key and how its value becomes a change to the neutral template. */
  static final Map<String, BiFunction<Entry, Object, PodChange>> CHANGE_KEYS = changeKeys();

  private ProfileYaml() {}

  static RequirementProfile parse(String source, String yaml) {
    Object document = load(source, yaml);
    Entry top = new Entry(source, "the document", "", YamlLines.of(yaml));
    Map<String, Object> root = top.map(document);
    top.onlyKeys(root, TOP_KEYS);
    RequirementProfile.Builder builder = RequirementProfile.builder(top.text(root, "name", true));
    String install = top.text(root, "installNamespace", false);
    if (install != null) {
      builder.installedIn(install);
    }
    if (root.containsKey("applicationNamespaces")) {
      builder.protecting(top.texts(root.get("applicationNamespaces"), "applicationNamespaces").toArray(String[]::new));
    }
    Object list = root.get("requirements");
    if (!(list instanceof List<?> requirements) || requirements.isEmpty()) {
      throw top.error("'requirements' must be a non-empty list of requirements");
    }
    for (int i = 0; i < requirements.size(); i++) {
      builder.requirement(requirement(top, i, requirements.get(i)));
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ProfileFormatException(source + ": " + e.getMessage(), e);
    }
  }

  private static Object load(String source, String yaml) {
    if (yaml.length() > MAX_BYTES) {
      throw new ProfileFormatException(source + ": the profile has " + yaml.length()
          + " characters; at most " + MAX_BYTES + " are read");
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit((int) MAX_BYTES);
    options.setNestingDepthLimit(20);
    Yaml parser = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
        new DumperOptions(), options);
    try {
      List<Object> documents = new ArrayList<>();
      parser.loadAll(yaml).forEach(documents::add);
      documents.removeIf(d -> d == null);
      if (documents.size() != 1) {
        throw new ProfileFormatException(source + ": a requirement profile is one YAML document, found "
            + documents.size());
      }
      return documents.get(0);
    } catch (YAMLException e) {
      throw new ProfileFormatException(source + ": not valid YAML: " + e.getMessage(), e);
    }
  }

  private static Requirement requirement(Entry top, int index, Object node) {
    Entry where = top.item("requirements", index);
    Map<String, Object> map = where.map(node);
    Entry entry = map.get("id") instanceof String id ? where.named(id) : where;
    String id = entry.text(map, "id", true);
    Requirement.Builder builder = Requirement.builder(id).why(entry.text(map, "why", true));
    builder.where(placement(entry, map.get("where")));
    if (map.containsKey("kind")) {
      String kind = entry.text(map, "kind", true);
      builder.sentAs(ProbeKind.ofKind(kind).orElseThrow(() -> entry.child("kind")
          .error("must be one of " + java.util.Arrays.stream(ProbeKind.values()).map(ProbeKind::kind).toList()
              + ", not '" + kind + "'")));
    }
    Set<String> allowed = new TreeSet<>(REQUIREMENT_KEYS);
    allowed.addAll(CHANGE_KEYS.keySet());
    entry.onlyKeys(map, allowed);
    builder.change(changes(entry, map));
    if (map.containsKey("variants")) {
      if (!(map.get("variants") instanceof List<?> variants) || variants.isEmpty()) {
        throw entry.error("'variants' must be a non-empty list");
      }
      for (int v = 0; v < variants.size(); v++) {
        Entry variantEntry = entry.item("variants", v);
        Map<String, Object> variant = variantEntry.map(variants.get(v));
        Set<String> variantKeys = new TreeSet<>(CHANGE_KEYS.keySet());
        variantKeys.add("label");
        variantEntry.onlyKeys(variant, variantKeys);
        builder.variant(variantEntry.text(variant, "label", true), changes(variantEntry, variant));
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw entry.error(e.getMessage());
    }
  }

  private static Placement placement(Entry entry, Object value) {
    if (value == null) {
      return Placement.ALL_NAMESPACES;
    }
    return switch (String.valueOf(value).toLowerCase(Locale.ROOT)) {
      case "install" -> Placement.INSTALL_NAMESPACE;
      case "application" -> Placement.APPLICATION_NAMESPACES;
      case "all" -> Placement.ALL_NAMESPACES;
      default -> throw entry.error("'where' must be install, application or all, not '" + value + "'");
    };
  }

  private static PodChange changes(Entry entry, Map<String, Object> map) {
    PodChange change = PodChange.none();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      BiFunction<Entry, Object, PodChange> reader = CHANGE_KEYS.get(e.getKey());
      if (reader != null) {
        change = change.andThen(reader.apply(entry.child(e.getKey()), e.getValue()));
      }
    }
    return change;
  }

  private static Map<String, BiFunction<Entry, Object, PodChange>> changeKeys() {
    Map<String, BiFunction<Entry, Object, PodChange>> keys = new LinkedHashMap<>();
    keys.put("runAsUser", (e, v) -> PodChanges.runAsUser(e.id(v)));
    keys.put("runAsGroup", (e, v) -> PodChanges.runAsGroup(e.id(v)));
    keys.put("fsGroup", (e, v) -> PodChanges.fsGroup(e.id(v)));
    keys.put("supplementalGroups", (e, v) -> PodChanges.supplementalGroups(
        e.list(v).stream().mapToLong(e::id).toArray()));
    keys.put("runAsRoot", (e, v) -> e.flag(v) ? PodChanges.runAsRoot() : PodChange.none());
    keys.put("runAsNonRoot", (e, v) -> PodChanges.runAsNonRoot(v == null ? null : e.bool(v)));
    keys.put("addCapabilities", (e, v) -> PodChanges.addCapabilities(e.texts(v, "addCapabilities").toArray(String[]::new)));
    keys.put("keepAllCapabilities", (e, v) -> e.flag(v) ? PodChanges.keepAllCapabilities() : PodChange.none());
    keys.put("privileged", (e, v) -> e.flag(v) ? PodChanges.privileged() : PodChange.none());
    keys.put("allowPrivilegeEscalation", (e, v) -> PodChanges.allowPrivilegeEscalation(v == null ? null : e.bool(v)));
    keys.put("readOnlyRootFilesystem", (e, v) -> PodChanges.readOnlyRootFilesystem(e.bool(v)));
    keys.put("seccompProfile", (e, v) -> PodChanges.seccomp(v == null ? null : e.word(v)));
    keys.put("hostNetwork", (e, v) -> e.flag(v) ? PodChanges.hostNetwork() : PodChange.none());
    keys.put("hostPID", (e, v) -> e.flag(v) ? PodChanges.hostPID() : PodChange.none());
    keys.put("hostIPC", (e, v) -> e.flag(v) ? PodChanges.hostIPC() : PodChange.none());
    keys.put("hostPath", ProfileYaml::hostPaths);
    keys.put("hostPort", (e, v) -> each(e, v, (item, n) -> PodChanges.hostPort((int) item.number(n, 1, 65535))));
    keys.put("appArmorProfile", (e, v) -> PodChanges.appArmor(e.word(v)));
    keys.put("appArmorAnnotation", (e, v) -> PodChanges.appArmorAnnotation(e.word(v)));
    keys.put("seLinuxType", (e, v) -> PodChanges.seLinuxType(e.word(v)));
    keys.put("procMount", (e, v) -> PodChanges.procMount(e.word(v)));
    keys.put("sysctls", (e, v) -> pairs(e, v, PodChanges::sysctl));
    keys.put("labels", (e, v) -> pairs(e, v, PodChanges::label));
    keys.put("annotations", (e, v) -> pairs(e, v, PodChanges::annotation));
    keys.put("rootInitContainer", ProfileYaml::rootInitContainer);
    return Map.copyOf(keys);
  }

  private static PodChange pairs(Entry entry, Object value, BiFunction<String, String, PodChange> each) {
    PodChange change = PodChange.none();
    for (Map.Entry<String, Object> pair : entry.map(value).entrySet()) {
      change = change.andThen(each.apply(pair.getKey(), entry.child(pair.getKey()).word(pair.getValue())));
    }
    return change;
  }

  /** One value, or a list of them: each becomes its own change, in order. */
  private static PodChange each(Entry entry, Object value, BiFunction<Entry, Object, PodChange> one) {
    if (!(value instanceof List<?> list)) {
      return one.apply(entry, value);
    }
    if (list.isEmpty()) {
      throw entry.error("must not be an empty list");
    }
    PodChange change = PodChange.none();
    for (int i = 0; i < list.size(); i++) {
      change = change.andThen(one.apply(entry.index(i), list.get(i)));
    }
    return change;
  }

  /**
   * {@code hostPath: /proc}, {@code {path, type, mountPropagation, readOnly}}, or a list of either.
   * Mounts are read-only unless their propagation is Bidirectional or {@code readOnly: false}.
   */
  private static PodChange hostPaths(Entry entry, Object value) {
    return each(entry, value, (item, v) -> {
      if (!(v instanceof Map)) {
        return PodChanges.hostPath(path(item, v));
      }
      Map<String, Object> map = item.map(v);
      item.onlyKeys(map, Set.of("path", "type", "mountPropagation", "readOnly"));
      String type = map.containsKey("type") ? oneOf(item.child("type"), map.get("type"), HOST_PATH_TYPES) : null;
      String propagation = map.containsKey("mountPropagation")
          ? oneOf(item.child("mountPropagation"), map.get("mountPropagation"), MOUNT_PROPAGATIONS) : null;
      String path = path(item.child("path"), map.get("path"));
      return map.containsKey("readOnly")
          ? PodChanges.hostPath(path, type, propagation, item.child("readOnly").bool(map.get("readOnly")))
          : PodChanges.hostPath(path, type, propagation);
    });
  }

  private static String path(Entry entry, Object value) {
    String path = value == null ? null : entry.word(value);
    if (path == null || !path.startsWith("/")) {
      throw entry.error("must be an absolute path on the node, found " + Entry.describe(value));
    }
    return path;
  }

  private static String oneOf(Entry entry, Object value, List<String> allowed) {
    String word = entry.word(value);
    if (!allowed.contains(word)) {
      throw entry.error("must be one of " + String.join(", ", allowed) + ", not '" + word + "'");
    }
    return word;
  }

  private static PodChange rootInitContainer(Entry entry, Object value) {
    Map<String, Object> map = entry.map(value);
    entry.onlyKeys(map, Set.of("name", "addCapabilities"));
    List<String> capabilities = map.containsKey("addCapabilities")
        ? entry.texts(map.get("addCapabilities"), "addCapabilities") : List.of();
    return PodChanges.rootInitContainer(entry.text(map, "name", true), capabilities.toArray(String[]::new));
  }

  /**
   * Where in the file a value sits, for errors that name file, line and entry.
   *
   * @param path how errors name the entry, such as {@code requirements[1] (id x).hostPath}
   * @param key the entry's key in {@code lines}, such as {@code requirements[1].hostPath}
   */
  record Entry(String source, String path, String key, YamlLines lines) {

    Entry named(String id) {
      return new Entry(source, path + " (id " + id + ")", key, lines);
    }

    Entry child(String name) {
      return new Entry(source, join(path, name), join(key, name), lines);
    }

    /** Item {@code index} of the list under {@code name}. */
    Entry item(String name, int index) {
      return child(name).index(index);
    }

    Entry index(int index) {
      return new Entry(source, path + "[" + index + "]", key + "[" + index + "]", lines);
    }

    private static String join(String parent, String name) {
      return parent.isEmpty() || parent.equals("the document") ? name : parent + "." + name;
    }

    ProfileFormatException error(String problem) {
      return new ProfileFormatException(source + lines.lineOf(key).map(line -> ":" + line).orElse("")
          + ": " + path + ": " + problem);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object value) {
      if (!(value instanceof Map<?, ?> map)) {
        throw error("expected a mapping of keys to values, found " + describe(value));
      }
      for (Object key : map.keySet()) {
        if (!(key instanceof String)) {
          throw error("keys must be text, found " + describe(key));
        }
      }
      return (Map<String, Object>) map;
    }

    void onlyKeys(Map<String, Object> map, Set<String> allowed) {
      for (String key : map.keySet()) {
        if (!allowed.contains(key)) {
          // named on the entry, but the line is the unknown key's own
          throw new Entry(source, path, join(this.key, key), lines)
              .error("unknown key '" + key + "'; known keys: " + String.join(", ", new TreeSet<>(allowed)));
        }
      }
    }

    String text(Map<String, Object> map, String key, boolean required) {
      Object value = map.get(key);
      if (value == null) {
        if (required) {
          throw error("'" + key + "' is required");
        }
        return null;
      }
      if (!(value instanceof String text) || text.isBlank()) {
        throw error("'" + key + "' must be text, found " + describe(value));
      }
      return text;
    }

    String word(Object value) {
      if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        return String.valueOf(value);
      }
      throw error("expected a single value, found " + describe(value));
    }

    List<?> list(Object value) {
      if (!(value instanceof List<?> list)) {
        throw error("expected a list, found " + describe(value));
      }
      return list;
    }

    List<String> texts(Object value, String key) {
      List<String> texts = new ArrayList<>();
      for (Object item : list(value)) {
        if (!(item instanceof String text) || text.isBlank()) {
          throw error("'" + key + "' must list text values, found " + describe(item));
        }
        texts.add(text);
      }
      return texts;
    }

    long id(Object value) {
      return number(value, 0, Integer.MAX_VALUE);
    }

    long number(Object value, long min, long max) {
      if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
        throw error("must be a whole number, found " + describe(value));
      }
      BigInteger n = new BigInteger(value.toString());
      if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
        throw error("must be between " + min + " and " + max + ", found " + n);
      }
      return n.longValue();
    }

    boolean bool(Object value) {
      if (!(value instanceof Boolean b)) {
        throw error("must be true or false, found " + describe(value));
      }
      return b;
    }

    boolean flag(Object value) {
      return bool(value);
    }

    static String describe(Object value) {
      if (value == null) {
        return "nothing";
      }
      if (value instanceof Map) {
        return "a mapping";
      }
      if (value instanceof List) {
        return "a list";
      }
      return "'" + value + "'";
    }
  }
}
