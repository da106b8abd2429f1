package io.github.policyprobe.assertions;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.BASELINE;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.RESTRICTED;
import static io.github.policyprobe.probe.PodChanges.addCapabilities;
import static io.github.policyprobe.probe.PodChanges.runAsUser;
import static io.github.policyprobe.support.TestObjects.deployment;
import static io.github.policyprobe.support.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.probe.PodChanges;
import io.github.policyprobe.profile.K10Profile;
import io.github.policyprobe.profile.Placement;
import io.github.policyprobe.profile.Requirement;
import io.github.policyprobe.profile.RequirementProfile;
import io.github.policyprobe.support.VerdictCluster;
import org.junit.jupiter.api.Test;

/** The assertions against real policies on the local control plane, passing and failing. */
@VerdictCluster
class ClusterAssertOnLocalClusterTest {

  @Test
  void k10WithEveryOptionIsPermittedWhereTheBaselineLevelIsEnforced(Cluster cluster) {
    assertThat(cluster).permitsK10(K10Profile.installedIn("k10-ok").protecting("shop-ok", "billing-ok")
        .withStorageSecurityContext(1005, 1006, 2000).withNfsSupplementalGroup(3000).withGrafana(true));
  }

  @Test
  void k10IsNotPermittedWhereTheRestrictedLevelIsEnforced(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10In("ps-enforce"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the cluster's admission policies to admit kasten-k10 (installed in ps-enforce)")
        .hasMessageContaining("FAIL  DENIED    cap-dac-override")
        .hasMessageContaining("DAC_OVERRIDE: reads all data on a volume whatever its file permissions")
        .hasMessageContaining("Pod, as system:serviceaccount:ps-enforce:k10-k10: denied. DENIED (HTTP 403) by PodSecurity 'restricted:latest' (unrestricted capabilities)")
        .hasMessageContaining("FAIL  DENIED    cap-fowner")
        .hasMessageContaining("FAIL  DENIED    cap-chown")
        .hasMessageContaining("ok    ADMITTED  uid-gid-1000")
        .hasMessageContaining("ok    DENIED    policing-check")
        .hasMessageContaining("Summary: 3 of 7 requirements denied in ps-enforce");
  }

  @Test
  void everyNamespaceIsEvaluatedBeforeFailing(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10(
            K10Profile.installedIn("k10-ok").protecting("vap-deny", "map-mutate", "webhook-down")))
        .hasMessageContaining("k10-ok (install namespace): all 7 requirements admitted in k10-ok")
        .hasMessageContaining("vap-deny (application namespace): 1 of 5 requirements denied in vap-deny")
        .hasMessageContaining("by ValidatingAdmissionPolicy 'uid-range' (binding uid-range-deny):"
            + " pods \"policyprobe-uid-gid-1000-")
        .hasMessageContaining("map-mutate (application namespace): 1 of 5 requirements mutated in map-mutate")
        .hasMessageContaining("container probe: effective runAsUser 1000 -> 2000 (pod-level runAsUser changed 1000 -> 2000)")
        .hasMessageContaining("webhook-down (application namespace): no decision on the neutral template"
            + " in webhook-down, so none of its 5 requirements could be judged")
        .hasMessageContaining("failed calling webhook \"unreachable.policyprobe.test\"");
  }

  @Test
  void warningsDoNotFailAnAdmissionButAreListed(Cluster cluster) {
    assertThatCode(() -> assertThat(cluster).permitsK10In("vap-warn")).doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(cluster).requiringPolicedNamespaces().permitsK10In("vap-warn"))
        .hasMessageContaining("ok    WARNED    uid-gid-1000")
        .hasMessageContaining("warning: Validation failed for ValidatingAdmissionPolicy 'uid-range'"
            + " with binding 'uid-range-warn': pods must run as a UID of 10000 or more")
        // vap-warn only warns: a baseline-breaking pod gets in, so the namespace is not policed
        .hasMessageContaining("nothing polices vap-warn")
        .hasMessageContaining("why: ValidatingAdmissionPolicyBinding 'uid-range-warn' only warns (validationActions [Warn])");
  }

  @Test
  void aNamespaceWhosePodSecurityLabelsOnlyWarnSaysSo(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).requiringPolicedNamespaces().permitsK10In("ps-warn"))
        .hasMessageContaining("FAIL  WARNED    policing-check")
        .hasMessageContaining("why: Pod Security: no pod-security.kubernetes.io/enforce label, and the cluster-wide"
            + " default is privileged (no AdmissionConfiguration, so the built-in default); its audit=restricted,"
            + " warn=restricted labels only report, not deny");
  }

  @Test
  void aNamespaceNoPolicySelectsIsReportedAsUnpolicedButPasses(Cluster cluster) {
    assertThatCode(() -> assertThat(cluster).permitsK10In("unpoliced")).doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(cluster).requiringPolicedNamespaces().permitsK10In("unpoliced"))
        .hasMessageContaining("FAIL  ADMITTED  policing-check")
        .hasMessageContaining("nothing polices unpoliced: a pod with hostNetwork")
        .hasMessageContaining("why: Pod Security: no pod-security.kubernetes.io/enforce label, and the"
            + " cluster-wide default is privileged (no AdmissionConfiguration, so the built-in default)")
        .hasMessageContaining("why: ValidatingAdmissionPolicyBindings that select other namespaces:"
            + " 'deployments-no-host-network' {policyprobe.test/deployments=no-host-network},")
        .hasMessageContaining("all 7 requirements admitted in unpoliced; nothing polices unpoliced");
  }

  @Test
  void aDeniedNeutralTemplateIsReportedInsteadOfEachRequirement(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10In("needs-team-label"))
        .hasMessageContaining("FAIL  DENIED    neutral-template")
        .hasMessageContaining("ValidatingAdmissionPolicy 'require-team-label'")
        .hasMessageContaining("every pod needs a team label")
        .hasMessageContaining("7 requirements not judged here")
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
            .doesNotContain("FAIL  DENIED    cap-dac-override"));

    assertThat(cluster).usingTemplate(NeutralTemplate.restricted().withLabel("team", "platform"))
        .permitsK10In("needs-team-label");
  }

  @Test
  void restrictedIsEnforcedWhereItsLabelEnforcesIt(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("ps-enforce");
  }

  @Test
  void aWarnLabelDoesNotEnforce(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).enforcesPodSecurity(BASELINE).in("ps-warn"))
        .hasMessageContaining("FAIL  WARNED    host-namespaces")
        .hasMessageContaining("would only be warned, not denied")
        // 9 in the baseline standard of 1.35 and later (proc-mount is no longer a control)
        .hasMessageContaining("9 of 9 requirements only warned in ps-warn");
  }

  /** The standard of the namespace's enforce-version decides the controls, not the server's own. */
  @Test
  void aNamespacePinnedToTheStandardOf134KeepsTheProcMountControl(Cluster cluster) {
    cluster.createNamespace("ps-pinned-134", java.util.Map.of("pod-security.kubernetes.io/enforce", "baseline",
        "pod-security.kubernetes.io/enforce-version", "v1.34"));
    assertThatThrownBy(() -> assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("ps-pinned-134"))
        .hasMessageContaining("ok    DENIED    proc-mount")
        .hasMessageContaining("6 of 16 requirements admitted");
    assertThatThrownBy(() -> assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("k10-ok"))
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("proc-mount"));
  }

  @Test
  void baselineLeavesTheRestrictedControlsOpen(Cluster cluster) {
    assertThat(cluster).enforcesPodSecurity(BASELINE).in("k10-ok", "shop-ok");
    assertThatThrownBy(() -> assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("k10-ok"))
        .hasMessageContaining("ok    DENIED    privileged")
        .hasMessageContaining("FAIL  ADMITTED  run-as-user-root")
        .hasMessageContaining("FAIL  ADMITTED  capabilities-restricted")
        .hasMessageContaining("6 of 15 requirements admitted");
  }

  @Test
  void deniesNamesEngineAndPolicy(Cluster cluster) {
    assertThat(cluster).denies(pod("cap", addCapabilities("SYS_ADMIN"))).in("ps-enforce")
        .by(Engine.POD_SECURITY, "restricted:latest")
        .withMessageContaining("must not include \"SYS_ADMIN\"");
    assertThat(cluster).denies(pod("uid", runAsUser(1000))).in("vap-deny")
        .by(Engine.VALIDATING_ADMISSION_POLICY, "uid-range");
    assertThatThrownBy(() -> assertThat(cluster).denies(pod("uid", runAsUser(1000))).in("vap-deny")
            .by(Engine.KYVERNO))
        .hasMessageContaining("to be denied by Kyverno, but it was denied by ValidatingAdmissionPolicy 'uid-range'");
  }

  @Test
  void aDeploymentIsDeniedWhenThePodOfItsTemplateIs(Cluster cluster) {
    assertThat(cluster).denies(deployment("shape", addCapabilities("SYS_ADMIN"))).in("ps-enforce")
        .by(Engine.POD_SECURITY);
  }

  @Test
  void admitsAndItsFailure(Cluster cluster) {
    assertThat(cluster).admits(pod("plain", PodChange.none())).in("k10-ok").withoutWarnings();
    assertThatThrownBy(() -> assertThat(cluster).admits(pod("root", runAsUser(0))).in("ps-enforce"))
        .hasMessageContaining("runAsUser=0");
    assertThatThrownBy(() -> assertThat(cluster).denies(pod("plain", PodChange.none())).in("k10-ok"))
        .hasMessageContaining("FAIL  ADMITTED  Pod/");
  }

  @Test
  void userDefinedProfilesFromBuilderAndYaml(Cluster cluster) {
    RequirementProfile built = RequirementProfile.builder("acme-agent").installedIn("k10-ok")
        .requirement(Requirement.builder("cap-net-bind").why("listens on port 80")
            .where(Placement.INSTALL_NAMESPACE).change(PodChanges.addCapabilities("NET_BIND_SERVICE")).build())
        .build();
    assertThat(cluster).permits(built);

    RequirementProfile loaded = RequirementProfile.fromYaml("acme.yaml", """
        name: acme-agent
        requirements:
          - id: uid-1000
            why: runs as its own user
            runAsUser: 1000
        """).installedIn("vap-deny");
    assertThatThrownBy(() -> assertThat(cluster).permits(loaded))
        .hasMessageContaining("FAIL  DENIED    uid-1000")
        .hasMessageContaining("1 of 1 requirement denied in vap-deny");
  }

  /** Every shape a node agent needs, one requirement each, as DaemonSets. */
  private static RequirementProfile nodeAgentShapes(String namespace) {
    RequirementProfile.Builder profile = RequirementProfile.builder("node-agent").installedIn(namespace);
    java.util.Map<String, PodChange> shapes = new java.util.LinkedHashMap<>();
    shapes.put("host-path-bidirectional", PodChanges.privileged()
        .andThen(PodChanges.hostPath("/var/lib/kubelet/pods", "DirectoryOrCreate", "Bidirectional")));
    shapes.put("host-path-file", PodChanges.hostPath("/run/xtables.lock", "FileOrCreate", "HostToContainer"));
    shapes.put("host-network-and-port", PodChanges.hostNetwork().andThen(PodChanges.hostPort(9100)));
    shapes.put("host-pid-ipc", PodChanges.hostPID().andThen(PodChanges.hostIPC()));
    shapes.put("net-admin-sys-admin", addCapabilities("NET_ADMIN", "SYS_ADMIN", "SYS_RESOURCE"));
    shapes.put("unconfined", PodChanges.seccomp("Unconfined").andThen(PodChanges.appArmor("Unconfined")));
    shapes.put("root", PodChanges.runAsRoot());
    shapes.forEach((id, change) -> profile.requirement(
        Requirement.builder(id).why("a node agent needs it").asDaemonSet().change(change).build()));
    return profile.build();
  }

  @Test
  void nodeAgentShapesPassTheApiServersOwnValidationAndTheBaselineLevelDeniesThemAsPods(Cluster cluster) {
    assertThat(cluster).permits(nodeAgentShapes("unpoliced"));

    assertThatThrownBy(() -> assertThat(cluster).permits(nodeAgentShapes("k10-ok")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FAIL  DENIED    host-path-bidirectional")
        .hasMessageContaining("FAIL  DENIED    host-network-and-port")
        .hasMessageContaining("FAIL  DENIED    host-pid-ipc")
        .hasMessageContaining("FAIL  DENIED    net-admin-sys-admin")
        .hasMessageContaining("FAIL  DENIED    unconfined")
        .hasMessageContaining("Pod of the DaemonSet's template")
        .hasMessageContaining("PodSecurity")
        // baseline allows root: only restricted forbids runAsUser 0
        .hasMessageNotContaining("FAIL  DENIED    root ");
  }

  @Test
  void everyShippedProfileIsValidForTheApiServerAndTheBaselineLevelDeniesIt(Cluster cluster) {
    for (RequirementProfile profile : java.util.List.of(
        io.github.policyprobe.profile.Profiles.velero().withNodeAgent().installedIn("unpoliced"),
        io.github.policyprobe.profile.Profiles.longhorn().installedIn("unpoliced"),
        io.github.policyprobe.profile.Profiles.nodeExporter().installedIn("unpoliced"),
        io.github.policyprobe.profile.Profiles.cilium().installedIn("unpoliced"),
        io.github.policyprobe.profile.Profiles.cilium().inPrivilegedMode().installedIn("unpoliced"))) {
      assertThat(cluster).permits(profile);
      assertThatThrownBy(() -> assertThat(cluster).permits(profile.installedIn("k10-ok")))
          .as(profile.name())
          .hasMessageContaining("as rendered, all fields at once\n                  Pod of the DaemonSet's template (as rendered),"
              + " as system:serviceaccount:kube-system:daemon-set-controller: denied")
          .hasMessageContaining("violates PodSecurity \"baseline:latest\"");
    }
  }
}
