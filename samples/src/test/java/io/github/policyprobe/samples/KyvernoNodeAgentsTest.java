package io.github.policyprobe.samples;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.BASELINE;
import static io.github.policyprobe.probe.PodChanges.addCapabilities;
import static io.github.policyprobe.probe.PodChanges.hostPID;
import static io.github.policyprobe.probe.PodChanges.hostPath;
import static io.github.policyprobe.probe.PodChanges.privileged;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.profile.Profiles;
import io.github.policyprobe.profile.RequirementProfile;
import org.junit.jupiter.api.Test;

/**
 * The node agents' exceptions of {@link PrivilegedProductsTest}, enforced by a real Kyverno 1.19
 * (kyverno-node-agents/): each product runs in its namespace and nowhere else. Cilium runs in its
 * own namespace: Kyverno's default configuration does not police kube-system, which the last test
 * shows.
 */
@PolicyCluster(backend = Backend.LOCAL, engines = Engine.KYVERNO,
    manifests = "kyverno-node-agents/", readyTimeoutSeconds = 180)
class KyvernoNodeAgentsTest {

  private static Pod pod(String name, PodChange change) {
    Pod pod = NeutralTemplate.restricted().pod(name);
    change.applyTo(pod);
    return pod;
  }

  @Test
  void eachProductRunsInItsNamespace(Cluster cluster) {
    assertThat(cluster).permits(Profiles.nodeExporter().installedIn("monitoring"));
    assertThat(cluster).permits(Profiles.velero().withNodeAgent().installedIn("velero"));
    assertThat(cluster).permits(Profiles.longhorn().installedIn("longhorn-system"));
    assertThat(cluster).permits(Profiles.cilium().installedIn("cilium"));
    assertThat(cluster).permits(Profiles.cilium().inPrivilegedMode().installedIn("cilium"));
  }

  @Test
  void eachProductIsDeniedByKyvernoOutsideItsException(Cluster cluster) {
    for (RequirementProfile profile : new RequirementProfile[] {
        Profiles.nodeExporter().installedIn("shop"), Profiles.velero().withNodeAgent().installedIn("shop"),
        Profiles.longhorn().installedIn("shop"), Profiles.cilium().installedIn("shop")}) {
      assertThatThrownBy(() -> assertThat(cluster).permits(profile))
          .as(profile.name())
          .hasMessageContaining("baseline-elsewhere");
    }
    assertThatThrownBy(() -> assertThat(cluster).permits(Profiles.velero().withNodeAgent().installedIn("monitoring")))
        .hasMessageContaining("FAIL  DENIED    daemonset.node-agent.volume.host-pods ")
        .hasMessageContaining("node-agent-exceptions");
    assertThatThrownBy(() -> assertThat(cluster).permits(Profiles.cilium().installedIn("velero")))
        .hasMessageContaining("FAIL  DENIED    daemonset.cilium.pod.hostNetwork ")
        .hasMessageContaining("node-agent-exceptions");
  }

  @Test
  void theExceptionsDenyWhatTheProductsDoNotNeed(Cluster cluster) {
    // velero's node-agent needs nothing of the baseline level but its two hostPaths and root
    assertThat(cluster).enforcesPodSecurity(BASELINE).in("shop", "velero");
    assertThat(cluster).denies(pod("privileged", privileged())).in("monitoring")
        .by(Engine.KYVERNO, "node-agent-exceptions").withMessageContaining("privileged containers are not allowed");
    assertThat(cluster).denies(pod("host-pid", hostPID())).in("cilium")
        .by(Engine.KYVERNO, "node-agent-exceptions").withMessageContaining("host namespace");
    assertThat(cluster).denies(pod("etc", hostPath("/etc"))).in("velero")
        .by(Engine.KYVERNO, "node-agent-exceptions").withMessageContaining("hostPath volumes in velero may only be");
    assertThat(cluster).denies(pod("net-admin", addCapabilities("NET_ADMIN"))).in("longhorn-system")
        .by(Engine.KYVERNO, "node-agent-exceptions").withMessageContaining("added capability");
  }

  @Test
  void kyvernoDoesNotPoliceKubeSystemSoAnAgentThereIsCheckedByNothing(Cluster cluster) {
    assertThat(cluster).admits(pod("host-pid", hostPID().andThen(privileged()))).in("kube-system");
    assertThatThrownBy(() -> assertThat(cluster).requiringPolicedNamespaces()
            .permits(Profiles.cilium().installedIn("kube-system")))
        .hasMessageContaining("nothing polices kube-system");
  }
}
