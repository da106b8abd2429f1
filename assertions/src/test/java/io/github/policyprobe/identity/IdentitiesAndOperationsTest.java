package io.github.policyprobe.identity;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static io.github.policyprobe.probe.Identity.serviceAccount;
import static io.github.policyprobe.probe.Identity.user;
import static io.github.policyprobe.probe.PodChanges.addCapabilities;
import static io.github.policyprobe.probe.PodChanges.hostPath;
import static io.github.policyprobe.support.TestObjects.deployment;
import static io.github.policyprobe.support.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.Identity;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.Operations;
import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.profile.K10Profile;
import io.github.policyprobe.profile.Profiles;
import org.junit.jupiter.api.Test;

/**
 * Admission decides by who sends a request and how it arrives, and so do the probes: each is sent
 * as the identity that creates it in a real install (by impersonation), and exec, attach, kubectl
 * debug and namespace relabelling are probed as what kubectl sends. Each case in both directions.
 */
@PolicyCluster(backend = Backend.LOCAL, manifests = "policies/identities/", admissionConfig = "admission/exempt-k10.yaml")
class IdentitiesAndOperationsTest {
  private static final Identity K10 = serviceAccount("kasten-io", "k10-k10");
  private static final Identity VELERO = serviceAccount("velero", "velero-server");
  private static final Identity TENANT = user("dev@shop", "tenants");


  @Test
  void podSecurityExemptsK10sOwnPodsButStillJudgesItsDeploymentsPods(Cluster cluster) {
    Pod dacOverride = pod("dac-override", addCapabilities("DAC_OVERRIDE"));
    assertThat(cluster).as(K10).admits(dacOverride).in("kasten-io");
    assertThat(cluster).denies(dacOverride).in("kasten-io").by(Engine.POD_SECURITY);
    // the Deployment is K10's, its Pod the ReplicaSet controller's: not exempt
    assertThat(cluster).as(K10).denies(deployment("dac-override", addCapabilities("DAC_OVERRIDE"))).in("kasten-io")
        .by(Engine.POD_SECURITY)
        .withMessageContaining("unrestricted capabilities");
  }

  @Test
  void k10sProfileIsSentAsItsServiceAccountAndTheExemptionIsNamed(Cluster cluster) {
    assertThat(cluster).permitsK10(K10Profile.installedIn("kasten-io").withoutPrometheus());
    assertThatThrownBy(() -> assertThat(cluster).permitsK10(
        K10Profile.installedIn("kasten-io").withoutPrometheus().withServiceAccount("k10-renamed")))
        .hasMessageContaining("FAIL  DENIED    cap-dac-override")
        .hasMessageContaining("Pod, as system:serviceaccount:kasten-io:k10-renamed: denied");
  }

  @Test
  void anExemptSendersVerdictSaysWhyPodSecurityDidNotCheckIt(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).as(K10).denies(pod("dac", addCapabilities("DAC_OVERRIDE"))).in("shop"))
        .hasMessageContaining("Pod Security does not check it: its sender system:serviceaccount:kasten-io:k10-k10"
            + " is in exemptions.usernames (admission/exempt-k10.yaml)");
  }

  @Test
  void anExemptRuntimeClassIsAdmittedAndSaysWhy(Cluster cluster) {
    PodChange sandboxed = pod -> pod.getSpec().setRuntimeClassName("gvisor");
    assertThat(cluster).admits(pod("sandboxed", addCapabilities("DAC_OVERRIDE").andThen(sandboxed))).in("shop");
    assertThatThrownBy(() -> assertThat(cluster).denies(pod("sandboxed", addCapabilities("DAC_OVERRIDE")
        .andThen(sandboxed))).in("shop"))
        .hasMessageContaining("Pod Security does not check it: its runtime class gvisor is in exemptions.runtimeClasses");
    assertThat(cluster).denies(pod("runc", addCapabilities("DAC_OVERRIDE"))).in("shop").by(Engine.POD_SECURITY);
  }

  @Test
  void aMatchConditionOnUserInfoLetsOnlyVeleroMountHostPaths(Cluster cluster) {
    Pod hostPods = pod("host-pods", hostPath("/var/lib/kubelet/pods"));
    assertThat(cluster).as(VELERO).admits(hostPods).in("apps");
    assertThat(cluster).denies(hostPods).in("apps")
        .by(Engine.VALIDATING_ADMISSION_POLICY, "host-path-for-velero-only")
        .withMessageContaining("hostPath volumes are for Velero only");
    // a DaemonSet sent by Velero still has its Pods created by the DaemonSet controller
    assertThat(cluster).as(VELERO).denies(NeutralTemplate.restricted().daemonSet(pod("agent", hostPath("/var/lib/kubelet/pods"))))
        .in("apps").withMessageContaining("not system:serviceaccount:kube-system:daemon-set-controller");
  }

  @Test
  void execIsForVelerosBackupHooksAndNobodyElse(Cluster cluster) {
    assertThat(cluster).as(VELERO).admits(Operations.exec("/sbin/fsfreeze", "--freeze", "/data")).in("shop");
    assertThat(cluster).as(TENANT).denies(Operations.exec("/bin/sh")).in("shop")
        .by(Engine.VALIDATING_ADMISSION_POLICY, "exec-for-backup-hooks-only")
        .withMessageContaining("no exec or attach in shop for dev@shop");
    assertThat(cluster).as(TENANT).denies(Operations.attach()).in("shop");
    assertThat(cluster).as(VELERO).denies(Operations.exec("/bin/sh")).in("vault");
  }

  @Test
  void velerosProfileCarriesItsBackupHooksExec(Cluster cluster) {
    assertThat(cluster).permits(Profiles.velero().installedIn("velero").protecting("shop"));
    assertThatThrownBy(() -> assertThat(cluster).permits(Profiles.velero().installedIn("velero").protecting("vault")))
        .hasMessageContaining("FAIL  DENIED    backup-hooks-exec")
        .hasMessageContaining("kubectl exec (CONNECT pods/exec: /sbin/fsfreeze --freeze /var/log/nginx) on a Pod,"
            + " as system:serviceaccount:velero:velero-server");
  }

  @Test
  void kubectlDebugIsDeniedInARestrictedNamespaceAndAllowedInABaselineOne(Cluster cluster) {
    assertThat(cluster).denies(Operations.debug()).in("shop").by(Engine.POD_SECURITY)
        .withMessageContaining("container \"debugger\"");
    assertThat(cluster).admits(Operations.debug()).in("tools");
    assertThat(cluster).denies(Operations.debugAsSysadmin()).in("tools").by(Engine.POD_SECURITY)
        .withMessageContaining("privileged");
  }

  @Test
  void aTenantMayNotRelabelItsNamespaceToPrivileged(Cluster cluster) {
    assertThat(cluster).as(TENANT)
        .denies(Operations.labelNamespace("pod-security.kubernetes.io/enforce", "privileged")).in("shop")
        .by(Engine.VALIDATING_ADMISSION_POLICY, "tenants-keep-pod-security-labels");
    assertThat(cluster).as(TENANT).admits(Operations.labelNamespace("team", "shop")).in("shop");
    assertThat(cluster).admits(Operations.labelNamespace("pod-security.kubernetes.io/enforce", "privileged")).in("shop");
  }
}
