package io.github.policyprobe.identity;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.Identity;
import io.github.policyprobe.probe.NeutralTemplate;
import org.junit.jupiter.api.Test;

/**
 * A real Kyverno sees the identity a probe is sent as: a rule excluding Velero's service account
 * admits its Pod and denies the admin's; a DaemonSet it sends still has its Pod judged as the
 * DaemonSet controller's.
 */
@PolicyCluster(backend = Backend.LOCAL, engines = Engine.KYVERNO, manifests = "policies/identities-kyverno/",
    readyTimeoutSeconds = 180)
class KyvernoIdentitiesTest {
  static final Identity VELERO = Identity.serviceAccount("velero", "velero-server");

  @Test
  void aRuleExcludingVelerosServiceAccountAdmitsItAndDeniesOthers(Cluster cluster) {
    assertThat(cluster).as(VELERO).admits(HostPaths.pod()).in("apps");
    assertThat(cluster).denies(HostPaths.pod()).in("apps").by(Engine.KYVERNO, "host-path-for-velero-only")
        .withMessageContaining("hostPath volumes are for Velero only");
    assertThat(cluster).as(VELERO).denies(NeutralTemplate.restricted().daemonSet(HostPaths.pod())).in("apps")
        .by(Engine.KYVERNO, "host-path-for-velero-only");
  }
}
