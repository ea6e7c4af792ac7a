package org.faxgw.gateway.config;

import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Line numbers of the keys of a YAML document, so that errors name the line of their key. */
final class YamlLines {
  private final Node root;

  private YamlLines(Node root) {
    this.root = root;
  }

  static YamlLines of(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true);
    return new YamlLines(new Yaml(options).compose(new StringReader(text)));
  }

  boolean isEmpty() {
    return root == null;
  }

  /**
   * The 1-based line of the deepest node found along {@code path} (field names and list indexes),
   * or 0.
   */
  int lineOf(List<Object> path) {
    Node node = root;
    int line = 0;
    for (Object step : path) {
      Node next = null;
      if (node instanceof MappingNode m && step instanceof String key) {
        for (NodeTuple t : m.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
            line = k.getStartMark().getLine() + 1;
            next = t.getValueNode();
          }
        }
      } else if (node instanceof SequenceNode s && step instanceof Integer i) {
        if (i >= 0 && i < s.getValue().size()) {
          next = s.getValue().get(i);
          line = next.getStartMark().getLine() + 1;
        }
      }
      if (next == null) {
        return line;
      }
      node = next;
    }
    return line;
  }
}
