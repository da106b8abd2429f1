package io.github.policyprobe.assertions;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.probe.PodChanges;
import io.github.policyprobe.profile.K10Profile;
import io.github.policyprobe.support.TestObjects;
import io.github.policyprobe.support.VerdictCluster;
import org.junit.jupiter.api.Test;

/**
 * Broken enforcement fails an assertion, naming what failed open and why; a namespace that is
 * merely unpoliced (warn-only, not selected, policed for Deployments only) is reported with the
 * reason and passes. Real policies on the local control plane (policies/verdicts/05-enforcement-gaps.yaml).
 */
@VerdictCluster
class EnforcementGapsTest {

  @Test
  void anIgnoredWebhookWhoseServerIsDownFailsTheAssertionNamingItAndTheCause(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10In("ignore-alone"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Enforcement was broken while the probes ran")
        .hasMessageContaining("FAIL  validating webhook \"ignored.policyprobe.test\" failed open")
        .hasMessageContaining("connection refused: the webhook's server is down or not listening there")
        .hasMessageContaining("Summary: enforcement broken: 1 admission check failed open while the probes ran;");
  }

  @Test
  void anIgnoredWebhookBesidePodSecurityIsCaughtThoughPodSecurityPolicesTheNamespace(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10In("ignore-baseline"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ok    DENIED    policing-check")
        .hasMessageContaining("validating webhook \"ignored.policyprobe.test\" failed open")
        .hasMessageContaining("dial tcp 127.0.0.1:1");
  }

  @Test
  void aWebhookThatFailsOpenElsewhereIsNotBlamedHere(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10In("ignore-alone"));
    assertThatCode(() -> assertThat(cluster).permitsK10In("k10-ok")).doesNotThrowAnyException();
  }

  @Test
  void aDenialBesideAWebhookThatFailedOpenStillReportsTheBrokenWebhook(Cluster cluster) {
    // Pod Security denies the pod, but the team's own webhook never judged it: the hardening
    // this test stands for is not all in force.
    assertThatThrownBy(() -> assertThat(cluster)
            .denies(TestObjects.pod("root", PodChanges.runAsUser(0).andThen(PodChanges.runAsNonRoot(false))))
            .in("ignore-baseline"))
        .hasMessageContaining("validating webhook \"ignored.policyprobe.test\" failed open once");
  }

  @Test
  void aValidatingAdmissionPolicyWhoseExpressionFailsUnderIgnoreFailsOpen(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).permitsK10In("vap-broken"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ValidatingAdmissionPolicy 'owner-label-check' with binding 'owner-label-check' failed open")
        .hasMessageContaining("a CEL expression failed to evaluate on the request (error_type invalid_error)");
  }

  @Test
  void aNamespacePolicedForDeploymentsOnlyPassesWithANote(Cluster cluster) {
    assertThatCode(() -> assertThat(cluster).requiringPolicedNamespaces().permitsK10In("deployments-only"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(cluster).requiringPolicedNamespaces()
            .permitsK10(K10Profile.installedIn("deployments-only").protecting("unpoliced")))
        .hasMessageContaining("ok    DENIED    policing-check        deployments-only is policed for pod controllers only")
        .hasMessageContaining("why: ValidatingAdmissionPolicy 'deployments-no-host-network' matches deployments, not pods");
  }
}
