package io.github.policyprobe.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.ClusterStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team's Helm values become the flags and ConfigMap data the charts render from them. */
class EngineValuesTest {
  @TempDir
  Path folder;

  private EngineValues values(String yaml) throws IOException {
    return EngineValues.read(Files.writeString(folder.resolve("values.yaml"), yaml).toString());
  }

  @Test
  void kyvernosAdmissionSettingsBecomeItsFlagsAndConfigMap() throws IOException {
    EngineValues values = values("""
        features:
          policyExceptions: {enabled: true, namespace: kyverno-exceptions}
          forceFailurePolicyIgnore: {enabled: true}
        config:
          excludeGroups: [system:nodes, platform:breakglass]
          excludeUsernames: ["system:serviceaccount:argocd:argocd-application-controller"]
          resourceFilters: ["[Event,*,*]", "[*/*,kube-system,*]"]
          webhooks: {namespaceSelector: {matchExpressions: [{key: team, operator: Exists}]}}
        admissionController: {replicas: 3}
        """);

    assertThat(values.kyvernoPolicyExceptions()).isTrue();
    assertThat(values.kyvernoFlags()).containsExactly("--enablePolicyException=true",
        "--exceptionNamespace=kyverno-exceptions", "--forceFailurePolicyIgnore=true");
    assertThat(values.kyvernoConfig())
        .containsEntry("excludeGroups", "system:nodes,platform:breakglass")
        .containsEntry("excludeUsernames", "system:serviceaccount:argocd:argocd-application-controller")
        .containsEntry("resourceFilters", "[Event,*,*]\n[*/*,kube-system,*]")
        .containsKey("webhooks")
        .doesNotContainKey("replicas");
    assertThat(values.kyvernoConfig().get("webhooks")).contains("\"key\":\"team\"", "\"operator\":\"Exists\"");
  }

  @Test
  void theChartsDefaultsChangeNothing() throws IOException {
    EngineValues values = values("admissionController: {replicas: 1}\n");
    assertThat(values.kyvernoPolicyExceptions()).isFalse();
    assertThat(values.kyvernoFlags()).isEmpty();
    assertThat(values.kyvernoConfig()).isEmpty();
    assertThat(values.gatekeeperFlags()).isEmpty();
    assertThat(EngineValues.defaults().kyvernoFlags()).isEmpty();
  }

  @Test
  void gatekeepersExemptNamespacesAddToItsOwn() throws IOException {
    EngineValues values = values("""
        controllerManager:
          exemptNamespaces: [cert-manager]
          exemptNamespacePrefixes: [kube-]
          exemptNamespaceSuffixes: [-system]
        """);
    assertThat(EngineValues.withFlags(List.of("--port=8443", "--exempt-namespace=gatekeeper-system"),
        values.gatekeeperFlags())).containsExactly("--port=8443", "--exempt-namespace=gatekeeper-system",
            "--exempt-namespace=cert-manager", "--exempt-namespace-prefix=kube-", "--exempt-namespace-suffix=-system");
  }

  @Test
  void aFlagFromTheValuesReplacesTheOneOfTheSameName() {
    assertThat(EngineValues.withFlags(List.of("--v=2", "--enablePolicyException=false"),
        List.of("--enablePolicyException=true"))).containsExactly("--v=2", "--enablePolicyException=true");
  }

  @Test
  void badValuesNameTheFileAndTheKey() throws IOException {
    EngineValues values = values("features: {policyExceptions: {enabled: yes please}}\n");
    assertThatThrownBy(values::kyvernoFlags).isInstanceOf(ClusterStartException.class)
        .hasMessageContaining("values.yaml: features.policyExceptions.enabled must be true or false, not 'yes please'");
    assertThatThrownBy(() -> values("config: {excludeGroups: system:nodes}\n").kyvernoConfig())
        .hasMessageContaining("config.excludeGroups must be a list, not 'system:nodes'");
    assertThatThrownBy(() -> EngineValues.read(folder.resolve("missing.yaml").toString()))
        .hasMessageContaining("engine values file").hasMessageContaining("missing.yaml' not found");
    assertThatThrownBy(() -> values("- a\n- b\n"))
        .hasMessageContaining("a Helm values file is a YAML mapping, not ArrayList");
  }
}
