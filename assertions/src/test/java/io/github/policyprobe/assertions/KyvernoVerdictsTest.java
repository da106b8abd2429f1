package io.github.policyprobe.assertions;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.PodChanges;
import io.github.policyprobe.profile.K10Profile;
import io.github.policyprobe.support.TestObjects;
import org.junit.jupiter.api.Test;

/**
 * Verdicts decided by a real Kyverno 1.19 running beside the local control plane: a denial
 * attributed to its policy and rule, the K10 exception, an Audit rule's warning, a mutation.
 */
@PolicyCluster(backend = Backend.LOCAL, engines = Engine.KYVERNO,
    manifests = "policies/engines/kyverno/", readyTimeoutSeconds = 180)
class KyvernoVerdictsTest {

  @Test
  void aDenialNamesThePolicyAndRule(Cluster cluster) {
    assertThat(cluster).denies(TestObjects.pod("dac", PodChanges.addCapabilities("DAC_OVERRIDE"))).in("shop")
        .by(Engine.KYVERNO, "k10-no-dac-override")
        .withMessageContaining("forbid-dac-override");
  }

  @Test
  void theK10ExceptionAdmitsK10AndThePolicingCheckSeesNothingElseWatchesKastenIo(Cluster cluster) {
    assertThat(cluster).permitsK10In("kasten-io");
    // These policies watch single capabilities only, so nothing polices kasten-io as a whole:
    // reported, and a failure when policed namespaces are required.
    assertThatThrownBy(() -> assertThat(cluster).requiringPolicedNamespaces().permitsK10In("kasten-io"))
        .hasMessageContaining("nothing polices kasten-io")
        .hasMessageContaining("why: Kyverno ClusterPolicy 'k10-no-dac-override' rule 'forbid-dac-override' excludes"
            + " kasten-io (namespaces [kasten-io, shop-container-uid, shop-unrelated])")
        .hasMessageContaining("why: Kyverno ClusterPolicy 'k10-warn-fowner' rule 'warn-fowner' matches kinds [Pod],"
            + " namespaces [shop-warn], not Pods in kasten-io");
  }

  @Test
  void anAuditRuleWarnsInsteadOfDenying(Cluster cluster) {
    assertThat(cluster)
        .admits(TestObjects.pod("fowner", PodChanges.addCapabilities("FOWNER"))).in("shop-warn")
        .withWarningContaining("FOWNER");
  }

  @Test
  void aMutationOfARequestedFieldIsMutatedWithThePolicyNamed(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster)
            .permitsK10(K10Profile.installedIn("kasten-io").protecting("shop-mutate")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FAIL  MUTATED   fsgroup-1000")
        .hasMessageContaining("k10-force-fsgroup")
        .hasMessageContaining("pod: fsGroup 1000 -> 2000");
  }

  @Test
  void aContainerLevelUidAddedByAMutatorIsMutatedThoughThePodLevelOneIsUnchanged(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster)
            .permitsK10(K10Profile.installedIn("kasten-io").protecting("shop-container-uid")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("FAIL  MUTATED   uid-gid-1000")
        .hasMessageContaining("force-container-uid")
        .hasMessageContaining("container probe: effective runAsUser 1000 -> 10001 (container-level runAsUser added)");
  }

  @Test
  void aMutatorAddingOnlyFieldsNobodyAskedForPasses(Cluster cluster) {
    var mutated = cluster.client().pods().inNamespace("shop-unrelated")
        .resource(TestObjects.pod("seen", PodChanges.runAsUser(1000))).dryRun().create();
    org.assertj.core.api.Assertions.assertThat(mutated.getMetadata().getLabels())
        .as("the mutator ran").containsEntry("cost-center", "platform");
    org.assertj.core.api.Assertions.assertThat(mutated.getSpec().getSecurityContext().getRunAsGroup()).isEqualTo(3000L);
    assertThat(cluster).permitsK10(K10Profile.installedIn("kasten-io").protecting("shop-unrelated"));
  }
}
