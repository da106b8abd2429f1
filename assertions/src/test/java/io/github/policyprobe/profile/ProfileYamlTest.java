package io.github.policyprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.ProbeRendering;
import io.github.policyprobe.probe.NeutralTemplate;
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
    List<Probe> probes = ProbeRendering.render(requirement.variants().get(variant), NeutralTemplate.restricted(), requirement.id(), "ns");
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
    assertThat(ProbeRendering.render(groups.variants().get(0), NeutralTemplate.restricted(), "g", "ns").get(0).object())
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

  private static final String NODE_AGENT = """
      name: node-agent
      requirements:
        - id: agent-shape
          why: the agent as its chart renders it
          kind: DaemonSet
          runAsRoot: true
          privileged: true
          hostNetwork: true
          hostPort: [9100, 9101]
          appArmorAnnotation: unconfined
          hostPath:
            - /proc
            - {path: /var/lib/kubelet/pods, type: DirectoryOrCreate, mountPropagation: Bidirectional}
      """;

  @Test
  void daemonSetsHostPathsPortsAndRootAreProbeShapes() {
    Requirement agent = RequirementProfile.fromYaml("agent.yaml", NODE_AGENT).requirements().get(0);

    List<Probe> probes = ProbeRendering.render(agent.variants().get(0), NeutralTemplate.restricted(), agent.id(), "ns");
    assertThat(probes).extracting(Probe::subject).containsExactly("DaemonSet", "Pod of the DaemonSet's template");
    assertThat(probes.get(0).object()).isInstanceOf(io.fabric8.kubernetes.api.model.apps.DaemonSet.class);
    Pod pod = (Pod) probes.get(1).object();
    assertThat(pod.getSpec().getHostNetwork()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isZero();
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isNull();
    assertThat(pod.getSpec().getVolumes()).extracting(v -> v.getName(), v -> v.getHostPath().getPath(), v -> v.getHostPath().getType())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("host", "/proc", null),
            org.assertj.core.groups.Tuple.tuple("host-2", "/var/lib/kubelet/pods", "DirectoryOrCreate"));
    var container = pod.getSpec().getContainers().get(0);
    assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath(), m -> m.getReadOnly(), m -> m.getMountPropagation())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/host", true, null),
            org.assertj.core.groups.Tuple.tuple("/host-2", false, "Bidirectional"));
    assertThat(container.getPorts()).extracting(p -> p.getHostPort()).containsExactly(9100, 9101);
    assertThat(container.getSecurityContext().getPrivileged()).isTrue();
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("container.apparmor.security.beta.kubernetes.io/probe", "unconfined");
  }

  @Test
  void probesTheApiServerOrTheKubeletWouldRefuseAreErrorsWithTheirLine() {
    assertError(NODE_AGENT.replace("    privileged: true\n", ""),
        "agent.yaml:3: requirements[0] (id agent-shape): Requirement agent-shape cannot be probed: container probe"
            + " mounts host-2 with Bidirectional propagation but is not privileged", "agent.yaml");
    assertError(NODE_AGENT.replace("runAsRoot: true", "runAsUser: 0"),
        "agent.yaml:3: requirements[0] (id agent-shape): Requirement agent-shape cannot be probed: container probe"
            + " runs as user 0 with runAsNonRoot true", "agent.yaml");
    assertError(NODE_AGENT.replace("type: DirectoryOrCreate", "type: Dir"),
        "agent.yaml:13: requirements[0] (id agent-shape).hostPath[1].type: must be one of , DirectoryOrCreate,", "agent.yaml");
    assertError(NODE_AGENT.replace("- /proc", "- proc"),
        "agent.yaml:12: requirements[0] (id agent-shape).hostPath[0]: must be an absolute path on the node, found 'proc'", "agent.yaml");
    assertError(NODE_AGENT.replace("[9100, 9101]", "[9100, 70000]"),
        "agent.yaml:9: requirements[0] (id agent-shape).hostPort[1]: must be between 1 and 65535, found 70000", "agent.yaml");
  }

  @Test
  void aFileIsReadAndNamedInErrors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("acme.yaml");
    Files.writeString(file, ACME);
    assertThat(RequirementProfile.fromYaml(file).name()).isEqualTo("acme-agent");

    Files.writeString(file, ACME.replace("runAsUser: 1000", "runAsUsr: 1000"));
    assertThatThrownBy(() -> RequirementProfile.fromYaml(file))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageStartingWith(file + ":12: requirements[1] (id data-groups): unknown key 'runAsUsr'; known keys: ")
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
        "p.yaml:3: requirements[0] (id x).runAsUser: must be a whole number, found 'abc'");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, runAsUser: -1}",
        "p.yaml:3: requirements[0] (id x).runAsUser: must be between 0 and 2147483647, found -1");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, where: cluster}",
        "p.yaml:3: requirements[0] (id x): 'where' must be install, application or all, not 'cluster'");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, kind: ReplicationController}",
        "p.yaml:3: requirements[0] (id x).kind: must be one of [Pod, Deployment, DaemonSet, StatefulSet, ReplicaSet,"
            + " Job, CronJob], not 'ReplicationController'");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, addCapabilities: NET_ADMIN}",
        "p.yaml:3: requirements[0] (id x).addCapabilities: expected a list, found 'NET_ADMIN'");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, privileged: yes please}",
        "p.yaml:3: requirements[0] (id x).privileged: must be true or false, found 'yes please'");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, variants: [{fsGroup: 1}]}",
        "p.yaml:3: requirements[0] (id x).variants[0]: 'label' is required");
    assertError("name: a\nrequirements:\n  - {id: x, why: y, variants: [{label: l, where: install}]}",
        "p.yaml:3: requirements[0] (id x).variants[0]: unknown key 'where'");
  }

  @Test
  void missingOrDuplicateEntriesAreNamed() {
    assertError("requirements: []", "p.yaml:1: the document: 'name' is required");
    assertError("name: a\nrequirements: []", "p.yaml:1: the document: 'requirements' must be a non-empty list");
    assertError("name: a\nrequirements:\n  - {why: y}", "p.yaml:3: requirements[0]: 'id' is required");
    assertError("name: a\nrequirements:\n  - {id: x}", "p.yaml:3: requirements[0] (id x): 'why' is required");
    assertError("name: a\nrequirements:\n  - {id: x, why: y}\n  - {id: x, why: z}",
        "p.yaml: Profile a has two requirements with id x");
    assertError("name: a\ninstallNamespace: Kasten_IO\nrequirements:\n  - {id: x, why: y}",
        "p.yaml: Profile a: 'Kasten_IO' is not a namespace name");
    assertError("name: a\nfoo: 1\nrequirements:\n  - {id: x, why: y}",
        "p.yaml:2: the document: unknown key 'foo'; known keys: applicationNamespaces, installNamespace, name, requirements");
  }

  @Test
  void malformedYamlAndHostileInputAreRefusedWithTheFileName() {
    assertError("name: [unclosed", "p.yaml: not valid YAML");
    assertError("- just\n- a list", "p.yaml:1: the document: expected a mapping of keys to values, found a list");
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
    assertError(yaml, messageStart, "p.yaml");
  }

  private static void assertError(String yaml, String messageStart, String source) {
    assertThatThrownBy(() -> RequirementProfile.fromYaml(source, yaml))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageStartingWith(messageStart);
  }
}
