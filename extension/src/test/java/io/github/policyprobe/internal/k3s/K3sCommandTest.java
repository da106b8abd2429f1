package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K3sCommandTest {
  /** What K3sContainer's constructor sets (with its Docker host); ours must come after it, intact. */
  private static final String[] DEFAULT_COMMAND = {"server", "--disable=traefik", "--tls-san=localhost"};
  private static final String CLASS_PATH_CONFIG = "io/github/policyprobe/internal/k3s/restricted-admission.yaml";
  private static final ClassLoader LOADER = K3sCommandTest.class.getClassLoader();

  private static ClusterSpec k3sSpec() {
    return ClusterSpec.defaults().withBackend(Backend.K3S);
  }

  @Test
  void appendsAdmissionConfigAndEachApiServerArgExactlyOnceAfterTheDefaults() {
    ClusterSpec spec = k3sSpec()
        .withAdmissionConfig(CLASS_PATH_CONFIG)
        .withApiServerArgs(List.of(
            "--feature-gates=MutatingAdmissionPolicy=true",
            "--runtime-config=admissionregistration.k8s.io/v1beta1=true"));

    List<String> command = List.of(K3sCommand.from(spec).appendTo(DEFAULT_COMMAND));

    assertThat(command.subList(0, DEFAULT_COMMAND.length)).containsExactly(DEFAULT_COMMAND);
    assertThat(command.subList(DEFAULT_COMMAND.length, command.size())).containsExactly(
        "--kube-apiserver-arg=admission-control-config-file=/etc/policyprobe/admission-config.yaml",
        "--kube-apiserver-arg=feature-gates=MutatingAdmissionPolicy=true",
        "--kube-apiserver-arg=runtime-config=admissionregistration.k8s.io/v1beta1=true");
    for (String part : command) {
      assertThat(Collections.frequency(command, part)).as("occurrences of %s", part).isEqualTo(1);
    }
  }

  @Test
  void copiesTheClassPathAdmissionConfigVerbatimToTheConfiguredContainerPath() throws IOException {
    K3sCommand command = K3sCommand.from(k3sSpec().withAdmissionConfig(CLASS_PATH_CONFIG));

    byte[] expected;
    try (InputStream in = LOADER.getResourceAsStream(CLASS_PATH_CONFIG)) {
      expected = in.readAllBytes();
    }
    assertThat(command.filesToCopy()).hasSize(1);
    ContainerFile file = command.filesToCopy().get(0);
    assertThat(file.containerPath()).isEqualTo(K3sCommand.ADMISSION_CONFIG_PATH);
    assertThat(file.content()).isEqualTo(expected);
    assertThat(new String(file.content(), StandardCharsets.UTF_8)).contains("enforce: restricted");
    assertThat(file.source()).isEqualTo(CLASS_PATH_CONFIG);
  }

  @Test
  void aFileOutsideTheClassPathIsReadFromDisk(@TempDir Path folder) throws IOException {
    String text = "apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration # on disk\nplugins: []\n";
    Path file = Files.writeString(folder.resolve("admission.yaml"), text);

    K3sCommand command = K3sCommand.from(k3sSpec().withAdmissionConfig(file.toString()));

    assertThat(new String(command.admissionConfig().orElseThrow().content(), StandardCharsets.UTF_8))
        .isEqualTo(text);
  }

  @Test
  void aMissingAdmissionConfigNamesThePathAndWhereItLooked() {
    ClusterSpec spec = k3sSpec().withAdmissionConfig("policies/missing-admission.yaml");

    assertThatThrownBy(() -> K3sCommand.from(spec))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("AdmissionConfiguration file 'policies/missing-admission.yaml' not found")
        .hasMessageContaining(Path.of("policies/missing-admission.yaml").toAbsolutePath().toString())
        .hasMessageContaining("no class path resource");
  }

  @Test
  void withoutAdmissionConfigOrArgsTheDefaultCommandIsUnchangedAndNothingIsCopied() {
    K3sCommand command = K3sCommand.from(k3sSpec());

    assertThat(command.appendTo(DEFAULT_COMMAND)).containsExactly(DEFAULT_COMMAND);
    assertThat(command.filesToCopy()).isEmpty();
  }

  @Test
  void anApiServerArgThatIsNotADoubleDashFlagIsRefusedByName() {
    for (String bad : List.of("feature-gates=X=true", "--audit-log-path /tmp/x", "--")) {
      ClusterSpec spec = k3sSpec().withApiServerArgs(List.of(bad));
      assertThatThrownBy(() -> K3sCommand.from(spec))
          .isInstanceOf(ClusterStartException.class)
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining("--name=value");
    }
  }

  @Test
  void anAdmissionConfigGivenTwiceIsRefused() {
    ClusterSpec spec = k3sSpec()
        .withAdmissionConfig(CLASS_PATH_CONFIG)
        .withApiServerArgs(List.of("--admission-control-config-file=/elsewhere.yaml"));

    assertThatThrownBy(() -> K3sCommand.from(spec))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("conflicts with admissionConfig");
  }

  @Test
  void aFileThatIsNotAnAdmissionConfigurationIsRefusedBeforeBootingNamingFileAndObject(@TempDir Path folder)
      throws IOException {
    Path file = Files.writeString(folder.resolve("admission.yaml"),
        "apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\n"
            + "metadata: {name: defaults}\ndefaults: {enforce: restricted}\n");

    assertThatThrownBy(() -> K3sCommand.from(k3sSpec().withAdmissionConfig(file.toString())))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("AdmissionConfiguration file '" + file + "'")
        .hasMessageContaining("holds apiVersion pod-security.admission.config.k8s.io/v1, kind PodSecurityConfiguration (\"defaults\")")
        .hasMessageContaining("expects kind AdmissionConfiguration with apiVersion apiserver.config.k8s.io/v1");
  }

  @Test
  void anAdmissionConfigurationOfAnUnknownApiVersionIsRefused(@TempDir Path folder) throws IOException {
    Path file = Files.writeString(folder.resolve("admission.yaml"),
        "apiVersion: apiserver.config.k8s.io/v2\nkind: AdmissionConfiguration\nplugins: []\n");

    assertThatThrownBy(() -> K3sCommand.from(k3sSpec().withAdmissionConfig(file.toString())))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("holds apiVersion apiserver.config.k8s.io/v2, kind AdmissionConfiguration:");
  }

  @Test
  void malformedAdmissionYamlIsRefusedNamingTheFile(@TempDir Path folder) throws IOException {
    Path file = Files.writeString(folder.resolve("admission.yaml"), "kind: [AdmissionConfiguration\n");

    assertThatThrownBy(() -> K3sCommand.from(k3sSpec().withAdmissionConfig(file.toString())))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageStartingWith("AdmissionConfiguration file '" + file + "' (" + file + ") is not valid YAML");
  }

  @Test
  void enablingAdmissionPluginsAppendsToK3sOwnListInsteadOfReplacingIt() {
    ClusterSpec spec = k3sSpec().withApiServerArgs(List.of(
        "--enable-admission-plugins=AlwaysPullImages,DenyServiceExternalIPs", "--enable-admission-plugins+=EventRateLimit"));

    assertThat(K3sCommand.from(spec).extraArgs()).containsExactly(
        "--kube-apiserver-arg=enable-admission-plugins+=AlwaysPullImages,DenyServiceExternalIPs",
        "--kube-apiserver-arg=enable-admission-plugins+=EventRateLimit");
  }
}
