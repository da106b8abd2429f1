package io.github.policyprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ShippedProfilesTest {
  /** A source comment names a version (x.y.z) and a file (a chart template, values file or Go source). */
  private static final Pattern SOURCE = Pattern.compile(
      "#.*(?<![\\d.])\\d+\\.\\d+\\.\\d+\\b.*\\b[\\w/.-]+\\.(yaml|go)\\b");

  static Stream<String> parts() {
    return Stream.of(Profiles.velero().withNodeAgent().shipped(), Profiles.longhorn(), Profiles.nodeExporter(),
            Profiles.cilium().shipped(), Profiles.cilium().inPrivilegedMode().shipped())
        .flatMap(p -> p.parts().stream());
  }

  private static Pod pod(Requirement requirement, int variant) {
    List<Probe> probes = requirement.variants().get(variant).render(NeutralTemplate.restricted(), requirement.id(), "ns");
    return (Pod) probes.get(probes.size() - 1).object();
  }

  private static Requirement find(RequirementProfile profile, String id) {
    return profile.requirements().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("parts")
  void everyRowNamesItsChartVersionAndFileJustAboveIt(String part) throws IOException {
    List<String> lines;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(ShippedProfile.FOLDER + part)) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    int rows = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().startsWith("- id:")) {
        rows++;
        int j = i - 1;
        boolean named = false;
        while (j >= 0 && lines.get(j).trim().startsWith("#")) {
          named |= SOURCE.matcher(lines.get(j)).find();
          j--;
        }
        assertThat(named).as(part + " line " + (i + 1) + " (" + lines.get(i).trim() + ") has no source comment").isTrue();
      }
    }
    assertThat(rows).isEqualTo(ShippedProfile.load(part).requirements().size());
  }

  @Test
  void veleroIsTheServerAloneUnlessTheNodeAgentIsDeployed() {
    assertThat(Profiles.velero().installedIn("velero").requirements()).extracting(Requirement::id)
        .allMatch(id -> id.startsWith("server-"));
    RequirementProfile both = Profiles.velero().withNodeAgent().installedIn("velero");
    assertThat(both.installNamespace()).isEqualTo("velero");
    Pod agent = pod(find(both, "node-agent-daemonset-shape"), 0);
    assertThat(agent.getSpec().getSecurityContext().getRunAsUser()).isZero();
    assertThat(agent.getSpec().getVolumes()).extracting(v -> v.getHostPath().getPath())
        .containsExactly("/var/lib/kubelet/pods", "/var/lib/kubelet/plugins");
    assertThat(find(both, "node-agent-daemonset-shape").variants().get(0)
        .render(NeutralTemplate.restricted(), "x", "ns").get(0).object()).isInstanceOf(DaemonSet.class);
  }

  @Test
  void ciliumsModesDifferInPrivilegeAndCapabilities() {
    RequirementProfile standard = Profiles.cilium().installedIn("kube-system");
    RequirementProfile privileged = Profiles.cilium().inPrivilegedMode().installedIn("kube-system");
    assertThat(find(standard, "agent-capabilities").variants()).hasSize(13);
    assertThat(standard.requirements()).extracting(Requirement::id).contains("selinux-spc-t", "mount-bpf-fs-privileged");
    assertThat(privileged.requirements()).extracting(Requirement::id)
        .doesNotContain("agent-capabilities", "selinux-spc-t")
        .contains("agent-privileged-bpf-bidirectional");
    Pod shape = pod(find(privileged, "agent-daemonset-shape"), 0);
    assertThat(shape.getSpec().getHostNetwork()).isTrue();
    assertThat(shape.getSpec().getContainers().get(0).getSecurityContext().getPrivileged()).isTrue();
    assertThat(shape.getSpec().getContainers().get(0).getPorts()).extracting(p -> p.getHostPort()).containsExactly(9879, 4244);
  }

  @Test
  void longhornCarriesBothWorkloadsAndNodeExporterItsHostNamespaces() {
    assertThat(Profiles.longhorn().installedIn("longhorn-system").requirements()).extracting(Requirement::id)
        .contains("manager-daemonset-shape", "csi-plugin-daemonset-shape");
    Pod exporter = pod(find(Profiles.nodeExporter().installedIn("monitoring"), "daemonset-shape"), 0);
    assertThat(exporter.getSpec().getHostPID()).isTrue();
    assertThat(exporter.getSpec().getHostNetwork()).isTrue();
    assertThat(exporter.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(65534L);
  }
}
