package io.github.policyprobe.assertions;

import static io.github.policyprobe.podsecurity.PodSecurityLevel.RESTRICTED;
import static io.github.policyprobe.support.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.support.VerdictCluster;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** AssertJ's SoftAssertionsExtension injects PolicySoftAssertions and fails the test once, at its end. */
class SoftAssertionsExtensionTest {
  static final AtomicBoolean REACHED_THE_END = new AtomicBoolean();

  @Test
  void theInjectedSoftAssertionsReportEveryFailureAfterTheTestRanToItsEnd() {
    REACHED_THE_END.set(false);

    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SoftSuite.class))
        .execute().testEvents();

    tests.assertStatistics(stats -> stats.started(1).failed(1));
    Throwable failure = tests.failed().stream().findFirst().orElseThrow()
        .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertThat(failure)
        .hasMessageContaining("Multiple Failures (2 failures)")
        .hasMessageContaining("FAIL  ADMITTED  Pod/")
        .hasMessageContaining("FAIL  ADMITTED  run-as-user-root");
    assertThat(REACHED_THE_END).isTrue();
  }

  @VerdictCluster
  @ExtendWith(SoftAssertionsExtension.class)
  static class SoftSuite {
    @InjectSoftAssertions
    PolicySoftAssertions softly;

    @Test
    void twoFailures(Cluster cluster) {
      softly.assertThat(cluster).denies(pod("plain", PodChange.none())).in("k10-ok");
      softly.assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("k10-ok");
      REACHED_THE_END.set(true);
    }
  }
}
