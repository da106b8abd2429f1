package io.github.policyprobe.internal.manifests;

import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * How many nodes a YAML document holds once every alias is expanded, computed on the composed
 * graph (where an alias is a shared node) in time linear in its size, and cut off at a limit.
 */
final class ExpandedSize {
  private final Map<Node, Long> memo = new IdentityHashMap<>();
  private final long limit;

  private ExpandedSize(long limit) {
    this.limit = limit;
  }

  static long of(Node root, long limit) {
    return new ExpandedSize(limit).size(root);
  }

  private long size(Node node) {
    Long known = memo.get(node);
    if (known != null) {
      return known;
    }
    memo.put(node, limit + 1); // a node reached again while being sized is a cycle
    long total = 1;
    if (node instanceof SequenceNode sequence) {
      for (Node child : sequence.getValue()) {
        total = capped(total + size(child));
      }
    } else if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        total = capped(total + size(tuple.getKeyNode()) + size(tuple.getValueNode()));
      }
    }
    memo.put(node, total);
    return total;
  }

  private long capped(long value) {
    return Math.min(value, limit + 1);
  }
}
