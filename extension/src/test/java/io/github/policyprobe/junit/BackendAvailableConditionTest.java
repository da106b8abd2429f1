package io.github.policyprobe.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.policyprobe.cluster.Backend;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestTag;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

class BackendAvailableConditionTest {

  /** Its image cannot be had anywhere, so it is skipped with or without Docker: never run. */
  @EnabledIfBackendAvailable(value = Backend.K3S, k3sImage = "policyprobe.invalid/k3s:none")
  @Tag("k3s")
  static class NeedsAnUnobtainableImage {
    @Test
    void mustNotRun() {
      fail("ran although k3s is not available");
    }
  }

  static class OneMethodNeedsK3s {
    @Test
    @EnabledIfBackendAvailable(value = Backend.K3S, k3sImage = "policyprobe.invalid/k3s:none")
    void needsK3s() {
      fail("ran although k3s is not available");
    }

    @Test
    void needsNothing() {}
  }

  @Test
  void aClassThatCannotHaveK3sIsSkippedWithAVisibleReason() {
    List<Event> skipped = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(NeedsAnUnobtainableImage.class))
        .execute()
        .allEvents()
        .skipped()
        .list();

    assertThat(skipped).singleElement().satisfies(event -> {
      assertThat(event.getTestDescriptor().getDisplayName()).endsWith("NeedsAnUnobtainableImage");
      assertThat(event.getPayload(String.class)).hasValueSatisfying(reason -> assertThat(reason)
          .startsWith("k3s tests skipped: ")
          .containsAnyOf("no Docker engine answered", "policyprobe.invalid/k3s:none", "Testcontainers' Ryuk image",
              "Testcontainers needs its image"));
    });
  }

  static class NeedsLocal {
    static final java.util.concurrent.atomic.AtomicBoolean RAN = new java.util.concurrent.atomic.AtomicBoolean();

    @Test
    @EnabledIfBackendAvailable(Backend.LOCAL)
    void runs() {
      RAN.set(true);
    }
  }

  static class NamesAuto {
    @Test
    @EnabledIfBackendAvailable(Backend.AUTO)
    void mustNotRun() {
      fail("ran although AUTO is not a backend to check");
    }
  }

  @Test
  void aLocalTestRunsHere() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(NeedsLocal.class)).execute()
        .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).skipped(0));
    assertThat(NeedsLocal.RAN).isTrue();
  }

  @Test
  void autoIsAConfigurationErrorNamingTheChoice() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(NamesAuto.class)).execute()
        .testEvents().assertStatistics(stats -> stats.failed(1).succeeded(0));
  }

  @Test
  void aTaggedClassKeepsItsTag() {
    List<Event> skipped = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(NeedsAnUnobtainableImage.class))
        .execute()
        .allEvents()
        .filter(event -> event.getType() == EventType.SKIPPED)
        .toList();

    assertThat(skipped).singleElement()
        .satisfies(event -> assertThat(event.getTestDescriptor().getTags()).contains(TestTag.create("k3s")));
  }

  @Test
  void onAMethodItSkipsThatMethodOnly() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(OneMethodNeedsK3s.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.skipped(1).started(1).succeeded(1).failed(0));
  }
}
