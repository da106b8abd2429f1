package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.engines.EngineValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On k3s, a team's values change the release manifest as they change the local processes. */
class EngineValuesPatchTest {
  private static final String KYVERNO = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: kyverno, namespace: kyverno}
      data: {excludeGroups: system:nodes, generateSuccessEvents: "false"}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: kyverno-admission-controller, namespace: kyverno}
      spec:
        template:
          spec:
            containers:
              - name: kyverno
                args: [--enablePolicyException=false, --forceFailurePolicyIgnore=false, --v=2]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: kyverno-background-controller, namespace: kyverno}
      spec:
        template:
          spec:
            containers:
              - name: controller
                args: [--enablePolicyException=false, --v=2]
      """;

  private static EngineValues values(Map<String, Object> values) {
    return new EngineValues("values.yaml", values);
  }

  @SuppressWarnings("unchecked")
  private static List<String> args(HasMetadata deployment) {
    Map<String, Object> container = (Map<String, Object>) ((List<?>) ((GenericKubernetesResource) deployment)
        .get("spec", "template", "spec", "containers")).get(0);
    return (List<String>) container.get("args");
  }

  @Test
  void kyvernosFlagsAndConfigMapFollowTheValues() {
    List<HasMetadata> objects = EngineValuesPatch.apply(Engine.KYVERNO, EngineManifest.parse(KYVERNO, "kyverno"),
        values(Map.of("features", Map.of("policyExceptions", Map.of("enabled", true, "namespace", "*"),
            "forceFailurePolicyIgnore", Map.of("enabled", true)),
            "config", Map.of("excludeGroups", List.of("system:nodes", "breakglass")))));

    GenericKubernetesResource configMap = (GenericKubernetesResource) objects.get(0);
    assertThat((Object) configMap.get("data", "excludeGroups")).isEqualTo("system:nodes,breakglass");
    assertThat((Object) configMap.get("data", "generateSuccessEvents")).isEqualTo("false");
    assertThat(args(objects.get(1))).containsExactly("--v=2", "--enablePolicyException=true",
        "--exceptionNamespace=*", "--forceFailurePolicyIgnore=true");
    // another controller keeps its own flags, with the values' version of those it already takes
    assertThat(args(objects.get(2))).containsExactly("--v=2", "--enablePolicyException=true");
  }

  @Test
  void gatekeepersControllerManagerGetsTheExemptNamespaces() {
    String manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: gatekeeper-controller-manager, namespace: gatekeeper-system}
        spec:
          template:
            spec:
              containers:
                - name: manager
                  args: [--port=8443, --exempt-namespace=gatekeeper-system]
        """;
    List<HasMetadata> objects = EngineValuesPatch.apply(Engine.GATEKEEPER, EngineManifest.parse(manifest, "gatekeeper"),
        values(Map.of("controllerManager", Map.of("exemptNamespaces", List.of("cert-manager")))));
    assertThat(args(objects.get(0)))
        .containsExactly("--port=8443", "--exempt-namespace=gatekeeper-system", "--exempt-namespace=cert-manager");
  }
}
