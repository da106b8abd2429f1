package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.policyprobe.cluster.ClusterStartException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineManifestTest {

  /** Shaped like the engines' manifests: webhooks and CRDs wherever the generator put them. */
  private static final String MANIFEST = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingWebhookConfiguration
      metadata:
        name: engine-validating
      webhooks: []
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: engine
        namespace: engine-system
      spec:
        selector:
          matchLabels: {app: engine}
        template:
          metadata:
            labels: {app: engine}
          spec:
            containers:
              - name: engine
                image: engine:1
      ---
      # an empty document, as generators leave them
      ---
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: policies.engine.example
      spec:
        group: engine.example
        names: {kind: Policy, plural: policies}
        scope: Cluster
        versions: []
      ---
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: engine-pre-delete
        namespace: engine-system
        annotations:
          helm.sh/hook: pre-delete
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{name: c, image: kubectl:1}]
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: engine-svc
        namespace: engine-system
      ---
      apiVersion: v1
      kind: Namespace
      metadata:
        name: engine-system
      """;

  @Test
  void appliesNamespacesThenCrdsThenTheRestInManifestOrderAndWebhooksLast() {
    List<HasMetadata> ordered = EngineManifest.inApplyOrder(EngineManifest.parse(MANIFEST, "test manifest"));

    assertThat(ordered).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
        "Namespace/engine-system",
        "CustomResourceDefinition/policies.engine.example",
        "Deployment/engine",
        "Service/engine-svc",
        "ValidatingWebhookConfiguration/engine-validating");
  }

  @Test
  void keepsEveryFieldAsWrittenAndSkipsEmptyDocuments() {
    List<HasMetadata> objects = EngineManifest.parse(MANIFEST, "test manifest");

    assertThat(objects).hasSize(6);
    GenericKubernetesResource deployment = (GenericKubernetesResource) objects.get(1);
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo("engine-system");
    assertThat(deployment.<String>get("spec", "template", "spec", "containers", 0, "image")).isEqualTo("engine:1");
    GenericKubernetesResource crd = (GenericKubernetesResource) objects.get(2);
    assertThat(EngineManifest.isCrd(crd)).isTrue();
    assertThat(crd.<String>get("spec", "names", "plural")).isEqualTo("policies");
  }

  @Test
  void aManifestLargerThanSnakeYamlsDefaultLimitStillParses() {
    String big = "x".repeat(4 * 1024 * 1024);
    String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: n\ndata:\n  k: " + big + "\n";

    List<HasMetadata> objects = EngineManifest.parse(manifest, "big manifest");

    assertThat(objects).singleElement().extracting(HasMetadata::getKind).isEqualTo("ConfigMap");
    assertThat((String) ((GenericKubernetesResource) objects.get(0)).get("data", "k")).hasSize(big.length());
  }

  @Test
  void aDocumentWithoutKindIsNamedByIndex() {
    String manifest = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: b}\n";

    assertThatThrownBy(() -> EngineManifest.parse(manifest, "Kyverno v1.19.0 install manifest"))
        .isInstanceOf(ClusterStartException.class)
        .hasMessage("Kyverno v1.19.0 install manifest: document 1 has no apiVersion/kind");
  }

  @Test
  void malformedYamlIsReportedWithTheSource() {
    assertThatThrownBy(() -> EngineManifest.parse("kind: [unclosed\n", "Gatekeeper v3.23.0 install manifest"))
        .isInstanceOf(ClusterStartException.class)
        .hasMessageStartingWith("Gatekeeper v3.23.0 install manifest: document 0 is not valid YAML");
  }

  @Test
  void aManifestWithoutObjectsIsAnError() {
    assertThatThrownBy(() -> EngineManifest.parse("# nothing\n---\n", "empty.yaml"))
        .isInstanceOf(ClusterStartException.class)
        .hasMessage("empty.yaml holds no Kubernetes objects");
  }
}
