package io.github.policyprobe.identity;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.NeutralTemplate;
import org.junit.jupiter.api.Test;

/**
 * A real Gatekeeper sees the identity a probe is sent as: a constraint reading
 * {@code input.review.userInfo} admits Velero's Pod and denies the admin's, and names the
 * DaemonSet controller as the sender of a DaemonSet's Pod.
 */
@PolicyCluster(backend = Backend.LOCAL, engines = Engine.GATEKEEPER, manifests = "policies/identities-gatekeeper/",
    readyTimeoutSeconds = 180)
class GatekeeperIdentitiesTest {

  @Test
  void aConstraintReadingUserInfoAdmitsVeleroAndDeniesOthers(Cluster cluster) {
    assertThat(cluster).as(KyvernoIdentitiesTest.VELERO).admits(HostPaths.pod()).in("apps");
    assertThat(cluster).denies(HostPaths.pod()).in("apps").by(Engine.GATEKEEPER, "host-path-for-velero-only")
        .withMessageContaining("is not for policyprobe-admin");
    assertThat(cluster).as(KyvernoIdentitiesTest.VELERO).denies(NeutralTemplate.restricted().daemonSet(HostPaths.pod()))
        .in("apps").withMessageContaining("is not for system:serviceaccount:kube-system:daemon-set-controller");
  }
}
