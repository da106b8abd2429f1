package io.github.policyprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.probe.ProbeKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The JSON Schema editors complete profiles with must say what the reader accepts: the same
 * keys at every level, the same fixed values.
 */
class RequirementProfileSchemaTest {
  private static Object schema;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = RequirementProfileSchemaTest.class.getClassLoader()
        .getResourceAsStream("io/github/policyprobe/requirement-profile.schema.json")) {
      schema = new Yaml().load(in); // JSON is YAML
    }
  }

  /** The value at a path such as {@code /definitions/variant/properties}; list items by index. */
  private static Object at(String path) {
    Object node = schema;
    for (String step : path.substring(1).split("/")) {
      node = node instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<?, ?>) node).get(step);
    }
    return node;
  }

  private static Set<String> names(String path) {
    Set<String> names = new HashSet<>();
    ((Map<?, ?>) at(path)).keySet().forEach(k -> names.add((String) k));
    return names;
  }

  private static List<String> values(String path) {
    List<String> values = new ArrayList<>();
    ((List<?>) at(path)).forEach(v -> values.add(String.valueOf(v)));
    return values;
  }

  @Test
  void theSchemaHasTheReadersKeysAtEveryLevel() {
    assertThat(names("/properties")).isEqualTo(ProfileYaml.TOP_KEYS);
    assertThat(names("/definitions/changes")).isEqualTo(ProfileYaml.CHANGE_KEYS.keySet());
    Set<String> requirementKeys = new HashSet<>(ProfileYaml.REQUIREMENT_KEYS);
    requirementKeys.addAll(ProfileYaml.CHANGE_KEYS.keySet());
    assertThat(names("/definitions/requirement/properties")).isEqualTo(requirementKeys);
    Set<String> variantKeys = new HashSet<>(ProfileYaml.CHANGE_KEYS.keySet());
    variantKeys.add("label");
    assertThat(names("/definitions/variant/properties")).isEqualTo(variantKeys);
    assertThat(at("/definitions/requirement/additionalProperties")).isEqualTo(false);
    assertThat(at("/definitions/variant/additionalProperties")).isEqualTo(false);
  }

  @Test
  void theSchemasFixedValuesAreTheReaders() {
    assertThat(values("/definitions/requirement/properties/kind/enum"))
        .containsExactlyElementsOf(Arrays.stream(ProbeKind.values()).map(ProbeKind::kind).toList());
    String mapping = "/definitions/changes/hostPath/oneOf/0/oneOf/1/properties";
    assertThat(values(mapping + "/type/enum")).containsExactlyElementsOf(ProfileYaml.HOST_PATH_TYPES);
    assertThat(values(mapping + "/mountPropagation/enum")).containsExactlyElementsOf(ProfileYaml.MOUNT_PROPAGATIONS);
    assertThat(values("/definitions/requirement/properties/where/enum"))
        .containsExactly("install", "application", "all");
  }
}
