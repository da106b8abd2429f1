package io.github.policyprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileYamlTest {

  private static final String ACME = """
      name: acme-agent
      installNamespace: acme
      applicationNamespaces: [shop, billing]
      requirements:
        - id: cap-net-admin
          why: configures routes on the node
          where: install
          addCapabilities: [NET_ADMIN]
        - id: data-groups
          why: writes restored files as the volume's groups
          kind: Deployment
          runAsUser: 1000
          variants:
            - {label: fsGroup 2000, fsGroup: 2000}
            - {label: fsGroup 3000, fsGroup: 3000, supplementalGroups: [4000]}
        - id: root-init
          why: chowns its volume first
          where: application
          rootInitContainer: {name: init-chown, addCapabilities: [CHOWN]}
          labels: {team: acme}
          seccompProfile: null
      """;

  private static Pod podOf(Requirement requirement, int variant) {
    List<Probe> probes = requirement.variants().get(variant).render(NeutralTemplate.restricted(), requirement.id(), "ns");
    return (Pod) probes.get(probes.size() - 1).object();
  }

  @Test
  void loadsNamespacesRequirementsPlacementsAndVariants() {
    RequirementProfile profile = RequirementProfile.fromYaml("acme.yaml", ACME);

    assertThat(profile.name()).isEqualTo("acme-agent");
    assertThat(profile.installNamespace()).isEqualTo("acme");
    assertThat(profile.applicationNamespaces()).containsExactly("shop", "billing");
    assertThat(profile.requirements()).extracting(Requirement::id).containsExactly("cap-net-admin", "data-groups", "root-init");
    assertThat(profile.requirements()).extracting(Requirement::where).containsExactly(
        Placement.INSTALL_NAMESPACE, Placement.ALL_NAMESPACES, Placement.APPLICATION_NAMESPACES);
    assertThat(profile.plan()).extracting(NamespacePlan::namespace).containsExactly("acme", "shop", "billing");
    assertThat(profile.plan().get(0).requirements()).extracting(Requirement::id).containsExactly("cap-net-admin", "data-groups");
    assertThat(profile.plan().get(1).requirements()).extracting(Requirement::id).containsExactly("data-groups", "root-init");
  }

  @Test
  void eachKeyBecomesItsChangeOnTheNeutralTemplate() {
    RequirementProfile profile = RequirementProfile.fromYaml("acme.yaml", ACME);

    Pod capability = podOf(profile.requirements().get(0), 0);
    assertThat(capability.getSpec().getContainers().get(0).getSecurityContext().getCapabilities().getAdd())
        .containsExactly("NET_ADMIN");
    assertThat(capability.getSpec().getContainers().get(0).getSecurityContext().getCapabilities().getDrop())
        .containsExactly("ALL");

    Requirement groups = profile.requirements().get(1);
    assertThat(groups.variants()).allMatch(v -> v.asDeployment());
    assertThat(groups.variants().get(0).render(NeutralTemplate.restricted(), "g", "ns").get(0).object())
        .isInstanceOf(Deployment.class);
    Pod second = podOf(groups, 1);
    assertThat(second.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(second.getSpec().getSecurityContext().getFsGroup()).isEqualTo(3000L);
    assertThat(second.getSpec().getSecurityContext().getSupplementalGroups()).containsExactly(4000L);

    Pod init = podOf(profile.requirements().get(2), 0);
    assertThat(init.getSpec().getInitContainers()).singleElement().satisfies(c -> {
      assertThat(c.getName()).isEqualTo("init-chown");
      assertThat(c.getSecurityContext().getRunAsUser()).isZero();
      assertThat(c.getSecurityContext().getCapabilities().getAdd()).containsExactly("CHOWN");
    });
    assertThat(init.getMetadata().getLabels()).containsEntry("team", "acme");
    assertThat(init.getSpec().getSecurityContext().getSeccompProfile()).isNull();
  }

  @Test
  void aFileIsReadAndNamedInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, ACME);
    assertThat(RequirementProfile.fromYaml(file).name()).isEqualTo("acme-agent");

    Files.writeString(file, ACME.replace("runAsUser: 1000", "runAsUsr: 1000"));
    assertThatThrownBy(() -> RequirementProfile.fromYaml(file))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageStartingWith(file + ": requirements[1] (id data-groups): unknown key 'runAsUsr'; known keys: ")
        .hasMessageContaining("runAsUser");
  }

  @Test
  void aMissingFileSaysSo(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> RequirementProfile.fromYaml(missing))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessage(missing + ": no such requirement profile file");
  }

  @Test
  void badValuesNameTheirEntry() {
    assertError("name: a\nrequirements:\n  - {id: x, why: y, runAsUser: abc}",
        "p.yaml: requirements[0] (id x).runAsUser: must be a whole number, found 'abc'");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, runAsUser: -1}",
        "p.yaml: requirements[0] (id x).runAsUser: must be between 0 and 2147483647, found -1");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, where: cluster}",
        "p.yaml: requirements[0] (id x): 'where' must be install, application or all, not 'cluster'");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, kind: StatefulSet}",
        "p.yaml: requirements[0] (id x): 'kind' must be Pod or Deployment, not 'StatefulSet'");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, addCapabilities: NET_ADMIN}",
        "p.yaml: requirements[0] (id x).addCapabilities: expected a list, found 'NET_ADMIN'");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, privileged: yes please}",
        "p.yaml: requirements[0] (id x).privileged: must be true or false, found 'yes please'");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, variants: [{fsGroup: 1}]}",
        "p.yaml: requirements[0] (id x).variants[0]: 'label' is required");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, variants: [{label: l, where: install}]}",
        "p.yaml: requirements[0] (id x).variants[0]: unknown key 'where'");
  }

  @Test
  void missingOrDuplicateEntriesAreNamed() {
    assertError("requirements: []", "p.yaml: the document: 'name' is required");
    assertError("name: a\nrequirements: []", "p.yaml: the document: 'requirements' must be a non-empty list");
    assertError("name: a\nrequirements:\n  - {why: y}", "p.yaml: requirements[0]: 'id' is required");
    assertError("name: a\nrequirements:\n  - {id: x}", "p.yaml: requirements[0] (id x): 'why' is required");
    assertError("name: a\nrequirements:\n  - {id: x, why: y}\n  - {id: x, why: z}",
        "p.yaml: Profile a has two requirements with id x");
    assertError("name: a\ninstallNamespace: Kasten_IO\nrequirements:\n  - {id: x, why: y}",
        "p.yaml: Profile a: 'Kasten_IO' is not a namespace name");
    assertError("name: a\nfoo: 1\nrequirements:\n  - {id: x, why: y}",
        "p.yaml: the document: unknown key 'foo'; known keys: applicationNamespaces, installNamespace, name, requirements");
  }

  @Test
  void malformedYamlAndHostileInputAreRefusedWithTheFileName() {
    assertError("name: [unclosed", "p.yaml: not valid YAML");
    assertError("- just\n- a list", "p.yaml: the document: expected a mapping of keys to values, found a list");
    assertError("name: a\nname: b\nrequirements:\n  - {id: x, why: y}", "p.yaml: not valid YAML");
    assertError("name: a\n---\nname: b\n", "p.yaml: a requirement profile is one YAML document, found 2");
    String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
    assertError(bomb, "p.yaml: not valid YAML");
    assertError("name: " + "x".repeat(1_000_001), "p.yaml: the profile has 1000007 characters; at most 1000000 are read");
  }

  @Test
  void aProfileWithoutInstallNamespaceGetsOneInCode() {
    RequirementProfile profile = RequirementProfile.fromYaml("p.yaml", "name: a\nrequirements:\n  - {id: x, why: y}");
    assertThatThrownBy(profile::plan).hasMessageContaining("Profile a has no install namespace");
    assertThat(profile.installedIn("acme").protecting("shop").plan()).extracting(NamespacePlan::namespace)
        .containsExactly("acme", "shop");
  }

  private static void assertError(String yaml, String messageStart) {
    assertThatThrownBy(() -> RequirementProfile.fromYaml("p.yaml", yaml))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageStartingWith(messageStart);
  }
}
