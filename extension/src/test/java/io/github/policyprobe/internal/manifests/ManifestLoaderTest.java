package io.github.policyprobe.internal.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading manifests, and the errors bad input gets. No cluster is needed for these. */
class ManifestLoaderTest {
  private final ManifestLoader loader = new ManifestLoader();

  @Test
  void anAdmissionConfigurationBesideThePoliciesIsNotAnObjectToApply() {
    assertThat(loader.load(List.of("manifests/with-admission/")))
        .extracting(ManifestDocument::kind).containsExactly("Namespace");
  }

  @Test
  void readsAFolderInPathOrderWithDocumentPositions() {
    List<ManifestDocument> documents = loader.load(List.of("manifests/ordering/"));
    assertThat(documents).extracting(ManifestDocument::kind).containsExactly(
        "ValidatingAdmissionPolicyBinding", "ConfigMap", "BackupWindow",
        "ValidatingAdmissionPolicy", "CustomResourceDefinition", "Namespace");
    ManifestDocument configMap = documents.get(1);
    assertThat(configMap.index()).isEqualTo(2);
    assertThat(configMap.line()).isEqualTo(15);
    assertThat(configMap.describe()).endsWith(
        "10-bindings-first.yaml, document 2 (line 15): v1 ConfigMap \"shop/settings\"");
  }

  @Test
  void aMissingFileSaysWhereItLooked() {
    assertThatThrownBy(() -> loader.load(List.of("policies/nowhere.yaml")))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("'policies/nowhere.yaml' not found")
        .hasMessageContaining("nor on the class path");
  }

  @Test
  void malformedYamlNamesTheFileAndLine() {
    assertThatThrownBy(() -> loader.load(List.of("manifests/bad/malformed.yaml")))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("malformed.yaml: malformed YAML at line 11, column 1")
        .hasMessageContaining("while parsing a flow sequence started at line 10, column 11");
  }

  @Test
  void anAliasBombIsRefusedQuickly() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> loader.load(List.of("manifests/bad/alias-bomb.yaml")))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("alias-bomb.yaml")
        .hasMessageContaining("too many aliases");
    assertThatThrownBy(() -> loader.load(List.of("manifests/bad/alias-expansion.yaml")))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("alias-expansion.yaml, document 1 (line 2)")
        .hasMessageContaining("expands to more than 1000000 YAML nodes");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aVeryLargeFileIsRefusedBeforeParsing(@TempDir Path folder) throws IOException {
    Path huge = folder.resolve("huge.yaml");
    String document = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: " + "v".repeat(1000) + "\n";
    Files.writeString(huge, document.repeat((int) (ManifestLoader.MAX_FILE_BYTES / document.length()) + 10));
    assertThatThrownBy(() -> loader.load(List.of(huge.toString())))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining(huge.toString())
        .hasMessageContaining("larger than 4 MiB are refused");
  }

  @Test
  void twoDocumentsWithTheSameNameAreBothNamed() {
    assertThatThrownBy(() -> loader.load(List.of("manifests/bad/duplicate.yaml")))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("two documents define the same object")
        .hasMessageContaining("document 1 (line 1): v1 ConfigMap \"shop/twice\"")
        .hasMessageContaining("document 2 (line 7): v1 ConfigMap \"shop/twice\"");
  }

  @Test
  void anObjectWithoutANamespaceIsTheSameAsOneInDefault() {
    // Applied together, the later would not reliably win: a stage's documents go out at once.
    assertThatThrownBy(() -> loader.load(List.of("manifests/bad/duplicate-default-namespace.yaml")))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("two documents define the same object")
        .hasMessageContaining("document 1 (line 2): v1 ConfigMap \"settings\"")
        .hasMessageContaining("document 2 (line 9): v1 ConfigMap \"default/settings\"");
  }

  @Test
  void aDocumentThatIsNoObjectIsNamed() {
    assertThatThrownBy(() -> loader.load(List.of("manifests/bad/not-an-object.yaml")))
        .hasMessageContaining("not-an-object.yaml, document 1 (line 1): expected a Kubernetes object")
        .hasMessageContaining("found a list");
    assertThatThrownBy(() -> loader.load(List.of("manifests/bad/no-api-version.yaml")))
        .hasMessageContaining("no-api-version.yaml, document 1 (line 1): the object has no apiVersion")
        .hasMessageContaining("no-api-version");
  }
}
