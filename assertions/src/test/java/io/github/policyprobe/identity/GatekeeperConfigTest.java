package io.github.policyprobe.identity;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.PodChanges;
import io.github.policyprobe.profile.Requirement;
import io.github.policyprobe.profile.RequirementProfile;
import org.junit.jupiter.api.Test;

/**
 * Gatekeeper's Config is proven in force before the probes run (every pod reports its
 * generation), so the namespace it excludes is admitted from the first probe on, and the reason
 * nothing polices it names the Config rather than "a constraint did not deny this pod".
 */
@PolicyCluster(backend = Backend.LOCAL, engines = Engine.GATEKEEPER, manifests = "policies/gatekeeper-config/",
    readyTimeoutSeconds = 180)
class GatekeeperConfigTest {

  @Test
  void theExcludedNamespaceIsAdmittedAndTheConfigIsNamed(Cluster cluster) {
    assertThat(cluster).admits(HostPaths.pod()).in("legacy");
    assertThat(cluster).denies(HostPaths.pod()).in("apps").by(Engine.GATEKEEPER, "no-host-path");

    RequirementProfile hostPath = RequirementProfile.builder("agent").installedIn("legacy")
        .requirement(Requirement.builder("host-pods").why("reads the kubelet's pods directory")
            .change(PodChanges.hostPath("/var/lib/kubelet/pods")).build())
        .build();
    assertThatThrownBy(() -> assertThat(cluster).requiringPolicedNamespaces().permits(hostPath))
        .hasMessageContaining("nothing polices legacy")
        .hasMessageContaining("why: Gatekeeper's Config gatekeeper-system/config excludes legacy from its webhook"
            + " (spec.match: excludedNamespaces [legacy], processes [webhook])");
  }
}
