package io.github.policyprobe.samples;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.BASELINE;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.RESTRICTED;
import static io.github.policyprobe.probe.PodChanges.addCapabilities;
import static io.github.policyprobe.probe.PodChanges.hostNetwork;
import static io.github.policyprobe.probe.PodChanges.hostPID;
import static io.github.policyprobe.probe.PodChanges.hostPath;
import static io.github.policyprobe.probe.PodChanges.hostPort;
import static io.github.policyprobe.probe.PodChanges.privileged;
import static io.github.policyprobe.probe.PodChanges.seccomp;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.profile.Profiles;
import io.github.policyprobe.profile.RequirementProfile;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * A cluster restricted by default, with exceptions for the node agents platform teams run:
 * node-exporter in monitoring, Velero in velero, Longhorn in longhorn-system, Cilium in
 * kube-system. Each product still runs, and each exception is no broader than its product needs
 * (privileged-products/: Pod Security labels, narrowed by one ValidatingAdmissionPolicy).
 */
@PolicyCluster(manifests = "privileged-products/cluster/", admissionConfig = "privileged-products/admission.yaml")
class PrivilegedProductsTest {

  private static Pod pod(String name, PodChange change) {
    Pod pod = NeutralTemplate.restricted().pod(name);
    change.applyTo(pod);
    return pod;
  }

  @Test
  void nodeExporterRunsInMonitoring(Cluster cluster) {
    assertThat(cluster).permits(Profiles.nodeExporter().installedIn("monitoring"));
  }

  @Test
  void veleroWithItsNodeAgentRunsInVelero(Cluster cluster) {
    assertThat(cluster).permits(Profiles.velero().withNodeAgent().installedIn("velero"));
  }

  @Test
  void longhornRunsInLonghornSystem(Cluster cluster) {
    assertThat(cluster).permits(Profiles.longhorn().installedIn("longhorn-system"));
  }

  @Test
  void ciliumRunsInKubeSystemInEitherMode(Cluster cluster) {
    assertThat(cluster).permits(Profiles.cilium().installedIn("kube-system"));
    assertThat(cluster).permits(Profiles.cilium().inPrivilegedMode().installedIn("kube-system"));
  }

  @Test
  void veleroNeedsNoMoreThanBaselineAndItsTwoKubeletDirectories(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(BASELINE).in("velero");
    deniedByTheExceptionPolicy(cluster, pod("other-host-path", hostPath("/etc")),
        "hostPath volumes in velero may only be", "velero");
  }

  /** The policy of the exceptions, not Pod Security (which is "privileged" there), denies it in each namespace. */
  private static void deniedByTheExceptionPolicy(Cluster cluster, Pod pod, String message, String... namespaces) {
    for (String namespace : namespaces) {
      assertThat(cluster).denies(pod).in(namespace)
          .by(Engine.VALIDATING_ADMISSION_POLICY, "node-agent-exceptions").withMessageContaining(message);
    }
  }

  @Test
  void eachExceptionDeniesWhatItsProductDoesNotNeed(Cluster cluster) {
    deniedByTheExceptionPolicy(cluster, pod("privileged", privileged()),
        "privileged containers are not allowed", "monitoring", "velero");
    deniedByTheExceptionPolicy(cluster, pod("host-pid", hostPID()),
        "host namespace", "velero", "kube-system");
    deniedByTheExceptionPolicy(cluster, pod("host-network", hostNetwork()),
        "host namespace", "velero", "longhorn-system");
    deniedByTheExceptionPolicy(cluster, pod("sys-admin", addCapabilities("SYS_ADMIN")),
        "added capability", "monitoring", "velero");
    deniedByTheExceptionPolicy(cluster, pod("net-admin", addCapabilities("NET_ADMIN")),
        "added capability", "longhorn-system");
    deniedByTheExceptionPolicy(cluster, pod("root-fs", hostPath("/root")),
        "hostPath volumes in", "monitoring", "longhorn-system", "kube-system");
    deniedByTheExceptionPolicy(cluster, pod("ssh-port", hostNetwork().andThen(hostPort(22))),
        "host port", "monitoring", "kube-system");
    deniedByTheExceptionPolicy(cluster, pod("unconfined", seccomp("Unconfined")),
        "unconfined", "monitoring", "velero", "longhorn-system");
  }

  @Test
  void everyOtherNamespaceKeepsTheRestrictedDefault(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("shop");
    for (RequirementProfile profile : new RequirementProfile[] {
        Profiles.nodeExporter().installedIn("shop"), Profiles.velero().withNodeAgent().installedIn("shop"),
        Profiles.longhorn().installedIn("shop"), Profiles.cilium().installedIn("shop")}) {
      assertThatThrownBy(() -> assertThat(cluster).permits(profile))
          .as(profile.name())
          .hasMessageContaining("violates PodSecurity \"restricted:latest\"");
    }
  }

  @Test
  void noProductFitsAnotherProductsException(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permits(Profiles.velero().withNodeAgent().installedIn("monitoring")))
        .hasMessageContaining("FAIL  DENIED    daemonset.node-agent.volume.host-pods ")
        .hasMessageContaining("ValidatingAdmissionPolicy");
    assertThatThrownBy(() -> assertThat(cluster).permits(Profiles.nodeExporter().installedIn("velero")))
        .hasMessageContaining("FAIL  DENIED    daemonset.prometheus-node-exporter.pod.hostNetwork ")
        .hasMessageContaining("FAIL  DENIED    daemonset.prometheus-node-exporter.pod.hostPID ");
    assertThatThrownBy(() -> assertThat(cluster).permits(Profiles.longhorn().installedIn("kube-system")))
        .hasMessageContaining("FAIL  DENIED    daemonset.longhorn-manager.volume.longhorn.bidirectional ")
        .hasMessageContaining("hostPath volumes in kube-system may only be");
    assertThatThrownBy(() -> assertThat(cluster).permits(Profiles.cilium().installedIn("longhorn-system")))
        .hasMessageContaining("FAIL  DENIED    daemonset.cilium.pod.hostNetwork ")
        .hasMessageContaining("FAIL  DENIED    daemonset.cilium.pod.seccompProfile ");
  }

  /**
   * The baseline controls a namespace lets through: the ids on the failing lines of
   * {@code enforcesPodSecurity(BASELINE)}, empty when it holds.
   */
  private static Set<String> baselineControlsAdmittedIn(Cluster cluster, String namespace) {
    try {
      assertThat(cluster).enforcesPodSecurity(BASELINE).in(namespace);
      return Set.of();
    } catch (AssertionError e) {
      Set<String> ids = new TreeSet<>();
      Matcher m = Pattern.compile("FAIL  (?:ADMITTED|WARNED) +(\\S+)").matcher(e.getMessage());
      while (m.find()) {
        ids.add(m.group(1));
      }
      return ids;
    }
  }

  @Test
  void eachExceptionOpensOnlyTheBaselineControlsItsProductNeeds(Cluster cluster) {
    Assertions.assertThat(baselineControlsAdmittedIn(cluster, "velero")).isEmpty();
    Assertions.assertThat(baselineControlsAdmittedIn(cluster, "monitoring"))
        .containsExactly("host-namespaces"); // hostNetwork and hostPID; hostIPC stays denied
    Assertions.assertThat(baselineControlsAdmittedIn(cluster, "longhorn-system")) // SYS_ADMIN, and hostPID for the
        .containsExactly("capabilities-baseline", "host-namespaces", "privileged"); // detection pod; NET_RAW, hostNetwork stay denied
    Assertions.assertThat(baselineControlsAdmittedIn(cluster, "kube-system"))
        .containsExactly("apparmor", "capabilities-baseline", "host-namespaces", "privileged", "seccomp-baseline");
  }
}
