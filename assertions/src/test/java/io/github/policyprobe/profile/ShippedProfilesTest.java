package io.github.policyprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.ProbeRendering;
import io.github.policyprobe.probe.NeutralTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped profiles are derived from what their pinned charts render, so the gaps of the
 * hand-written ones are gone: each is pinned here against the probe a requirement sends.
 */
class ShippedProfilesTest {
  private static final RequirementProfile CILIUM = Profiles.cilium().installedIn("kube-system");
  private static final RequirementProfile LONGHORN = Profiles.longhorn().installedIn("longhorn-system");

  static Stream<String> parts() {
    return Stream.of(Profiles.velero().shipped(), Profiles.velero().withNodeAgent().shipped(), Profiles.longhorn(),
            Profiles.nodeExporter(), Profiles.cilium().shipped(), Profiles.cilium().inPrivilegedMode().shipped())
        .flatMap(p -> p.parts().stream());
  }

  /** The Pod a requirement's (only) variant sends. */
  static Pod pod(RequirementProfile profile, String id) {
    Requirement requirement = find(profile, id);
    List<Probe> probes = ProbeRendering.render(requirement.variants().get(0), NeutralTemplate.restricted(), id, "ns");
    return (Pod) probes.get(probes.size() - 1).object();
  }

  static Requirement find(RequirementProfile profile, String id) {
    return profile.requirements().stream().filter(r -> r.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError(profile.name() + " has no requirement " + id));
  }

  private static Container container(Pod pod, String name) {
    List<Container> all = new ArrayList<>(pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers());
    all.addAll(pod.getSpec().getContainers());
    return all.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("parts")
  void everyManifestNamesItsChartVersionValuesAndCommand(String part) throws IOException {
    String header = String.join("\n", Files.readAllLines(ShippedProfile.resource(part)).stream()
        .takeWhile(line -> line.startsWith("#")).toList());
    if (part.endsWith("-runtime.yaml")) { // written from the source of the controller that creates them
      assertThat(header).as(part).containsPattern("chart [\\w-]+ \\d+\\.\\d+\\.\\d+")
          .containsPattern("github\\.com/[\\w./-]+, tag v\\d+\\.\\d+\\.\\d+ \\(commit [0-9a-f]{40}\\)");
      return;
    }
    assertThat(header).as(part)
        .containsPattern("# chart [\\w-]+ \\d+\\.\\d+\\.\\d+ \\(github\\.com/[\\w./-]+ [\\w.]+")
        .contains("values")
        .contains("helm template");
  }

  @Test
  void ciliumsAgentMountsTheHostsNetworkNamespacesWritableWithHostToContainer() {
    Pod pod = pod(CILIUM, "daemonset.cilium.volume.cilium-netns");
    Volume netns = pod.getSpec().getVolumes().get(0);
    assertThat(netns.getHostPath().getPath()).isEqualTo("/var/run/netns");
    assertThat(netns.getHostPath().getType()).isEqualTo("DirectoryOrCreate");
    VolumeMount mount = container(pod, "cilium-agent").getVolumeMounts().get(0);
    assertThat(mount.getMountPropagation()).isEqualTo("HostToContainer");
    assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void ciliumsProbeHostsAppArmorWritableRootAndHostUsersAreEachARequirement() {
    assertThat(container(pod(CILIUM, "daemonset.cilium.container.cilium-agent.livenessProbe.host"), "cilium-agent")
        .getLivenessProbe().getHttpGet().getHost()).isEqualTo("127.0.0.1");
    Pod appArmor = pod(CILIUM, "daemonset.cilium.pod.appArmorProfile");
    assertThat(appArmor.getSpec().getSecurityContext().getAppArmorProfile().getType()).isEqualTo("Unconfined");
    assertThat(CILIUM.requirements()).extracting(Requirement::id)
        .noneMatch(id -> id.startsWith("daemonset.cilium.container.") && id.endsWith(".appArmorProfile"));
    assertThat(container(pod(CILIUM, "daemonset.cilium.container.cilium-agent.readOnlyRootFilesystem"), "cilium-agent")
        .getSecurityContext().getReadOnlyRootFilesystem()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod(CILIUM, "daemonset.cilium.pod.hostUsers").getSpec().getHostUsers()).isTrue();
  }

  @Test
  void ciliumsEnvoyAndOperatorAreCoveredAsRendered() {
    assertThat(CILIUM.requirements()).extracting(Requirement::id)
        .contains("daemonset.cilium", "daemonset.cilium-envoy", "deployment.cilium-operator");
    assertThat(ProbeRendering.render(find(CILIUM, "daemonset.cilium-envoy").variants().get(0), NeutralTemplate.restricted(), "x", "ns").get(0).object()).isInstanceOf(DaemonSet.class);
  }

  @Test
  void capabilitiesStayInTheirOwnContainerAndInitContainerFieldsOnTheInitContainer() {
    Pod pod = pod(CILIUM, "daemonset.cilium.container.mount-cgroup.capabilities.add.SYS_CHROOT");
    assertThat(pod.getSpec().getInitContainers()).extracting(Container::getName).containsExactly("mount-cgroup");
    assertThat(container(pod, "mount-cgroup").getSecurityContext().getCapabilities().getAdd()).containsExactly("SYS_CHROOT");
    Container main = pod.getSpec().getContainers().get(0);
    assertThat(main.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(main.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void longhornsDriverDeployerRunsAsRoot() {
    assertThat(LONGHORN.requirements()).extracting(Requirement::id)
        .anyMatch(id -> id.startsWith("deployment.longhorn-driver-deployer.") && id.endsWith(".runAsUser"));
    Requirement root = LONGHORN.requirements().stream()
        .filter(r -> r.id().startsWith("deployment.longhorn-driver-deployer.") && r.id().endsWith(".runAsUser"))
        .findFirst().orElseThrow();
    assertThat(root.why()).contains("UID 0");
  }

  @Test
  void longhornsRunTimeWorkloadsAreCovered() {
    assertThat(LONGHORN.requirements()).extracting(Requirement::id)
        .anyMatch(id -> id.startsWith("pod.instance-manager-"))
        .anyMatch(id -> id.startsWith("daemonset.engine-image-"))
        .anyMatch(id -> id.startsWith("pod.share-manager-"))
        .contains("daemonset.longhorn-csi-plugin");
    assertThat(LONGHORN.requirements()).extracting(Requirement::id)
        .anyMatch(id -> id.startsWith("pod.instance-manager-") && id.endsWith(".privileged"));
  }

  @Test
  void aBidirectionalHostPathIsProbedWithItsPrivilegeAndAlsoAlone() {
    List<String> bidirectional = LONGHORN.requirements().stream().map(Requirement::id)
        .filter(id -> id.endsWith(".bidirectional")).toList();
    assertThat(bidirectional).isNotEmpty();
    for (String id : bidirectional) {
      Pod withPrivilege = pod(LONGHORN, id);
      assertThat(allContainers(withPrivilege)).anyMatch(c -> Boolean.TRUE.equals(c.getSecurityContext().getPrivileged())
          && c.getVolumeMounts() != null && c.getVolumeMounts().stream().anyMatch(m -> "Bidirectional".equals(m.getMountPropagation())));
      Pod alone = pod(LONGHORN, id.substring(0, id.length() - ".bidirectional".length()));
      assertThat(alone.getSpec().getVolumes()).singleElement().satisfies(v -> assertThat(v.getHostPath()).isNotNull());
      assertThat(allContainers(alone)).as(id + " alone")
          .noneMatch(c -> Boolean.TRUE.equals(c.getSecurityContext().getPrivileged()))
          .allMatch(c -> c.getVolumeMounts() == null
              || c.getVolumeMounts().stream().noneMatch(m -> "Bidirectional".equals(m.getMountPropagation())));
    }
  }

  @Test
  void veleroIsTheServerAloneUnlessTheNodeAgentIsDeployed() {
    assertThat(Profiles.velero().installedIn("velero").requirements()).extracting(Requirement::id)
        .contains("deployment.velero").doesNotContain("daemonset.node-agent");
    RequirementProfile both = Profiles.velero().withNodeAgent().installedIn("velero");
    assertThat(both.requirements()).extracting(Requirement::id).contains("deployment.velero", "daemonset.node-agent");
    assertThat(pod(both, "daemonset.node-agent.volume.host-pods").getSpec().getVolumes().get(0).getHostPath().getPath())
        .isEqualTo("/var/lib/kubelet/pods");
  }

  @Test
  void nodeExporterNeedsTheHostsNamespaces() {
    RequirementProfile exporter = Profiles.nodeExporter().installedIn("monitoring");
    assertThat(exporter.requirements()).extracting(Requirement::id)
        .contains("daemonset.prometheus-node-exporter.pod.hostNetwork", "daemonset.prometheus-node-exporter.pod.hostPID");
    assertThat(pod(exporter, "daemonset.prometheus-node-exporter.pod.runAsUser").getSpec().getSecurityContext()
        .getRunAsUser()).isEqualTo(65534L);
  }

  private static List<Container> allContainers(Pod pod) {
    List<Container> all = new ArrayList<>(pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers());
    all.addAll(pod.getSpec().getContainers());
    all.forEach(c -> {
      if (c.getSecurityContext() == null) {
        c.setSecurityContext(new io.fabric8.kubernetes.api.model.SecurityContext());
      }
    });
    return all;
  }
}
