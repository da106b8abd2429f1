package io.github.policyprobe.assertions;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;
import static io.github.policyprobe.podsecurity.PodSecurityLevel.RESTRICTED;
import static io.github.policyprobe.probe.PodChanges.addCapabilities;
import static io.github.policyprobe.probe.PodChanges.runAsUser;
import static io.github.policyprobe.support.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.support.VerdictCluster;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Soft assertions and as(...) reach every link of the chain, on real policies. */
@VerdictCluster
class SoftAssertionsAndDescriptionsTest {
  /** Policed (baseline enforced), and warning about what restricted forbids. */
  private static final String WARNS = "soft-warns";

  @BeforeAll
  static void aPolicedNamespaceThatWarns(Cluster cluster) {
    cluster.createNamespace(WARNS, Map.of(
        "pod-security.kubernetes.io/enforce", "baseline",
        "pod-security.kubernetes.io/warn", "restricted"));
  }

  @Test
  void softAssertionsCollectEveryFailureOfTheChainAndThrowNone(Cluster cluster) {
    PolicySoftAssertions softly = new PolicySoftAssertions();

    softly.assertThat(cluster).permitsK10In("ps-enforce");
    softly.assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("k10-ok");
    softly.assertThat(cluster).denies(pod("plain", PodChange.none())).in("k10-ok").by(Engine.POD_SECURITY);
    softly.assertThat(cluster).denies(pod("cap", addCapabilities("SYS_ADMIN"))).in("ps-enforce")
        .by(Engine.KYVERNO).withMessageContaining("no such text");
    softly.assertThat(cluster).admits(pod("root", runAsUser(0))).in(WARNS).withoutWarnings();
    // A link that passes adds nothing.
    softly.assertThat(cluster).denies(pod("cap", addCapabilities("SYS_ADMIN"))).in("ps-enforce")
        .by(Engine.POD_SECURITY);

    Assertions.assertThat(softly.errorsCollected()).extracting(Throwable::getMessage).satisfiesExactly(
        k10 -> Assertions.assertThat(k10).contains("Summary: 3 of 7 requirements denied in ps-enforce"),
        restricted -> Assertions.assertThat(restricted).contains("FAIL  ADMITTED  run-as-user-root"),
        denies -> Assertions.assertThat(denies).contains("FAIL  ADMITTED  Pod/"),
        // ...and the link after it says there was no denial, rather than blame an engine.
        notDenied -> Assertions.assertThat(notDenied).contains("to be denied by PodSecurity, but it was not denied: ADMITTED"),
        byEngine -> Assertions.assertThat(byEngine).contains("to be denied by Kyverno, but it was denied by PodSecurity"),
        message -> Assertions.assertThat(message).contains("no such text"),
        warnings -> Assertions.assertThat(warnings).contains("to be admitted without warnings, but it drew")
            .contains("runAsUser=0"));
    assertThatThrownBy(softly::assertAll).hasMessageContaining("Multiple Failures (7 failures)");
  }

  @Test
  void assertSoftlyFailsOnceAtTheEndWithEverything(Cluster cluster) {
    assertThatThrownBy(() -> PolicyAssertions.assertSoftly(softly -> {
      softly.assertThat(cluster).denies(pod("plain", PodChange.none())).in("k10-ok");
      softly.assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("ps-enforce");
      softly.assertThat(cluster).admits(pod("root", runAsUser(0))).in("ps-enforce");
    }))
        .hasMessageContaining("Multiple Failures (2 failures)")
        .hasMessageContaining("FAIL  ADMITTED  Pod/")
        .hasMessageContaining("runAsUser=0");
  }

  @Test
  void aDescriptionNamesTheFailureWhereverTheChainFails(Cluster cluster) {
    assertThatThrownBy(() -> assertThat(cluster).as("K10 in %s", "ps-enforce").permitsK10In("ps-enforce"))
        .hasMessageStartingWith("[K10 in ps-enforce] Expecting the cluster's admission policies to admit");
    assertThatThrownBy(() -> assertThat(cluster).enforcesPodSecurity(RESTRICTED).as("k10-ok hardening")
        .in("k10-ok"))
        .hasMessageStartingWith("[k10-ok hardening] ");
    assertThatThrownBy(() -> assertThat(cluster).as("SYS_ADMIN in ps-enforce")
        .denies(pod("cap", addCapabilities("SYS_ADMIN"))).in("ps-enforce").by(Engine.KYVERNO))
        .hasMessageStartingWith("[SYS_ADMIN in ps-enforce] Expecting Pod/policyprobe-cap-* (Pod) in ps-enforce");
    assertThatThrownBy(() -> assertThat(cluster).admits(pod("root", runAsUser(0))).in(WARNS)
        .as("root in %s", WARNS).withoutWarnings())
        .hasMessageStartingWith("[root in soft-warns] Expecting Pod/policyprobe-root-* (Pod) in soft-warns");
  }
}
