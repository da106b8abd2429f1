package io.github.policyprobe.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** Engine CRDs lose their schema documentation and nothing else. */
class ClusterObjectsTest {
  private static final String CRD = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: policies.example.io}
      spec:
        group: example.io
        names: {kind: Policy, plural: policies}
        scope: Cluster
        versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                description: Policy is documentation.
                type: object
                properties:
                  description:
                    description: a field named description, documented
                    type: string
                    default: "description"
                  rules:
                    description: the rules
                    type: array
                    items:
                      description: one rule
                      type: object
                      x-kubernetes-preserve-unknown-fields: true
                      properties:
                        match:
                          description: what it matches
                          type: object
                          default: {description: "data, not documentation"}
                          additionalProperties:
                            description: any key
                            type: string
                        mode:
                          description: how
                          type: string
                          enum: [description, audit]
                          anyOf:
                            - description: a branch
                              type: string
      """;

  @Test
  void schemaDescriptionsGoDataStays() {
    GenericKubernetesResource crd = Serialization.unmarshal(CRD, GenericKubernetesResource.class);

    ClusterObjects.dropSchemaDescriptions(crd);

    String after = Serialization.asYaml(crd);
    assertThat(after).doesNotContain("documented", "the rules", "one rule", "what it matches",
        "any key", "how", "a branch", "Policy is documentation");
    assertThat(after)
        .as("a property named description, a default and an enum holding the word are data")
        .contains("description:\n", "default: \"description\"", "description: \"data, not documentation\"",
            "- \"description\"")
        .contains("x-kubernetes-preserve-unknown-fields: true", "type: \"array\"");
  }
}
