package org.faxgw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** conf/faxgw.yaml documents every key, with the embedded default as its value. */
class ConfigFileTest {
  private static Path file() {
    return Path.of(System.getProperty("faxgw.root", "..")).resolve("conf/faxgw.yaml");
  }

  @Test
  void theShippedFileHoldsExactlyTheEmbeddedDefaults() throws Exception {
    FaxgwConfig fromFile = new ConfigLoader(Map.of()).load(file());
    assertThat(fromFile).isEqualTo(FaxgwConfig.defaults());
  }

  @Test
  void theShippedFileNamesEveryKey() throws Exception {
    JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file()));
    TreeSet<String> inFile = new TreeSet<>();
    collect(tree, "", inFile);
    TreeSet<String> inRecords = new TreeSet<>();
    keysOf(FaxgwConfig.class, "", inRecords);
    assertThat(inFile).containsAll(inRecords);
  }

  private static void collect(JsonNode node, String prefix, TreeSet<String> out) {
    if (node != null && node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = prefix + e.getKey();
        out.add(key);
        collect(e.getValue(), key + ".", out);
      }
    }
  }

  /** Optional sections that are off by default: the file shows them in comments. */
  private static final java.util.Set<String> COMMENTED =
      java.util.Set.of("egress.relay", "store.postgresql");

  private static void keysOf(Class<?> type, String prefix, TreeSet<String> out) {
    for (RecordComponent rc : type.getRecordComponents()) {
      String key = prefix + rc.getName();
      if (COMMENTED.contains(key)) {
        continue;
      }
      out.add(key);
      Class<?> t = rc.getType();
      Type g = rc.getGenericType();
      boolean listOfRecords =
          g instanceof ParameterizedType p
              && p.getActualTypeArguments()[0] instanceof Class<?> c
              && c.isRecord();
      if (t.isRecord() && t.getPackage().equals(FaxgwConfig.class.getPackage()) && !isScalar(t)) {
        keysOf(t, key + ".", out);
      } else if (listOfRecords) {
        // list entries are documented in comments (e.g. smtp.users), not as keys
      }
    }
  }

  private static boolean isScalar(Class<?> t) {
    return t == HostPort.class || t == DataSize.class;
  }
}
