package io.github.policyprobe.identity;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.Identity;
import io.github.policyprobe.probe.Operations;
import io.github.policyprobe.profile.Profiles;
import org.junit.jupiter.api.Test;

/**
 * A product's own RBAC, as its chart renders it, is in place when its requirements are probed:
 * Kyverno, matching on clusterRoles, sees Velero's server bound to cluster-admin (its chart's
 * ClusterRoleBinding) and lets its backup hooks exec, while a service account without that role
 * is denied.
 */
@PolicyCluster(backend = Backend.LOCAL, engines = Engine.KYVERNO, manifests = "policies/kyverno-roles/",
    readyTimeoutSeconds = 180)
class KyvernoProductRolesTest {

  @Test
  void velerosBackupHooksExecAsTheClusterAdminItsChartMakesIt(Cluster cluster) {
    assertThat(cluster).permits(Profiles.velero().installedIn("velero").protecting("shop"));
    assertThat(cluster).as(Identity.serviceAccount("shop", "backup-tool")).denies(Operations.exec("/bin/sh")).in("shop")
        .by(Engine.KYVERNO, "exec-for-cluster-admins-only").withMessageContaining("exec is for cluster admins only");
  }
}
