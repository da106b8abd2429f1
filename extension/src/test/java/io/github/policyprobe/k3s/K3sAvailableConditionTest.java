package io.github.policyprobe.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestTag;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

class K3sAvailableConditionTest {

  /** Its image cannot be had anywhere, so it is skipped with or without Docker: never run. */
  @EnabledIfK3sAvailable(image = "policyprobe.invalid/k3s:none")
  static class NeedsAnUnobtainableImage {
    @Test
    void mustNotRun() {
      fail("ran although k3s is not available");
    }
  }

  static class OneMethodNeedsK3s {
    @Test
    @EnabledIfK3sAvailable(image = "policyprobe.invalid/k3s:none")
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

  @Test
  void theAnnotationTagsTestsK3s() {
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
