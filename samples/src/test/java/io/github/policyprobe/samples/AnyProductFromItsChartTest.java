package io.github.policyprobe.samples;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.profile.ProfileDiff;
import io.github.policyprobe.profile.Requirement;
import io.github.policyprobe.profile.RequirementProfile;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Any product, as its chart renders it: {@code helm template} into rendered/, then point
 * policyprobe at the output. Every workload, container and security field becomes a requirement;
 * a denial names all three. The cluster is the one of PrivilegedProductsTest: restricted by
 * default, with exceptions for node agents.
 */
@PolicyCluster(manifests = "privileged-products/cluster/", admissionConfig = "privileged-products/admission.yaml")
class AnyProductFromItsChartTest {
  /**
   * helm template gatekeeper gatekeeper/gatekeeper -n gatekeeper-system > src/test/resources/rendered/gatekeeper-3.23.0.yaml,
   * ... A relative path is looked up in the project folder, then on the test class path, so the
   * suite finds its files whatever folder it runs from (Maven's module folder, the benchmark's).
   */
  private static final Path RENDERED = Path.of("rendered");

  @Test
  void gatekeeperAndKyvernoAsRenderedFitTheRestrictedDefault(Cluster cluster) {
    assertThat(cluster).permits(RequirementProfile.fromManifests(RENDERED.resolve("gatekeeper-3.23.0.yaml")).installedIn("shop"));
    assertThat(cluster).permits(RequirementProfile.fromManifests(RENDERED.resolve("kyverno-3.9.0.yaml")).installedIn("shop"));
  }

  @Test
  void aDenialNamesTheWorkloadTheContainerAndTheField(Cluster cluster) {
    RequirementProfile cilium = RequirementProfile.fromManifests(RENDERED.resolve("cilium-1.20.2.yaml"));
    assertThatThrownBy(() -> assertThat(cluster).permits(cilium.installedIn("shop")))
        .hasMessageContaining("DENIED    daemonset.cilium.container.cilium-agent.capabilities.add.NET_ADMIN")
        .hasMessageContaining("DaemonSet cilium: container cilium-agent adds capability NET_ADMIN")
        .hasMessageContaining("violates PodSecurity \"restricted:latest\"");
  }

  /** The pull request that bumps a chart: what the new version needs beyond the old, checked on its own. */
  @Test
  void aChartUpgradesNewNeedsAreAdmittedWhereTheProductRuns(Cluster cluster) {
    ProfileDiff upgrade = RequirementProfile.diff(RequirementProfile.fromManifests(RENDERED.resolve("cilium-1.19.6.yaml")),
        RequirementProfile.fromManifests(RENDERED.resolve("cilium-1.20.2.yaml")));
    Assertions.assertThat(upgrade.added()).extracting(Requirement::id).contains("daemonset.cilium.pod.hostUsers");

    assertThat(cluster).permits(RequirementProfile.builder("cilium 1.19.6 to 1.20.2")
        .requirements(upgrade.added()).installedIn("kube-system").build());
  }
}
