package io.github.policyprobe.profile;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The line each entry of a YAML document starts on, keyed like {@code requirements[1].hostPath},
 * so that a profile error can say where to look. Built from the same text the profile was read
 * from, after it was read (so the text is known to be valid YAML).
 */
final class YamlLines {
  private static final YamlLines NONE = new YamlLines(Map.of());
  private final Map<String, Integer> lines;

  private YamlLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  static YamlLines of(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(20);
    try {
      Node root = new Yaml(options).compose(new StringReader(yaml));
      Map<String, Integer> lines = new HashMap<>();
      index(root, "", lines);
      return new YamlLines(lines);
    } catch (RuntimeException e) {
      return NONE; // the profile reader reports what is wrong with the text itself
    }
  }

  /** The 1-based line of {@code key}, or of the nearest entry holding it. */
  Optional<Integer> lineOf(String key) {
    String k = key;
    while (true) {
      Integer line = lines.get(k);
      if (line != null) {
        return Optional.of(line);
      }
      int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
      if (cut <= 0) {
        return Optional.ofNullable(lines.get(""));
      }
      k = k.substring(0, cut);
    }
  }

  private static void index(Node node, String key, Map<String, Integer> lines) {
    if (node == null) {
      return;
    }
    lines.putIfAbsent(key, node.getStartMark().getLine() + 1);
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode scalar) {
          String child = key.isEmpty() ? scalar.getValue() : key + "." + scalar.getValue();
          lines.put(child, tuple.getKeyNode().getStartMark().getLine() + 1);
          index(tuple.getValueNode(), child, lines);
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        index(items.get(i), key + "[" + i + "]", lines);
      }
    }
  }
}
