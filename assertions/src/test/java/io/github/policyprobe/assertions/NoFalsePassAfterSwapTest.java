package io.github.policyprobe.assertions;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.junit.PolicyCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The false pass of issue 20, as its own test: two classes declare namespace {@code shop}, one
 * labelled {@code tier=app}, which a ValidatingAdmissionPolicyBinding selects, one not. Run one
 * after the other on one pooled cluster, each swap deletes {@code shop} and creates it again with
 * the other labels; the fsGroup 1000 probe must be denied in every run of the first class and
 * admitted in every run of the second, 50 classes in a row in one JVM.
 */
class NoFalsePassAfterSwapTest {
  private static final int CLASSES = 50;

  @Test
  void aLabelSelectedBindingDecidesEveryRunAfterASwap() {
    List<String> results = new ArrayList<>();
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$ClassName")
        .selectors(RUNS.stream().map(DiscoverySelectors::selectClass).toArray(DiscoverySelector[]::new))
        .execute().testEvents().finished().stream()
        .forEach(event -> event.getPayload(TestExecutionResult.class).ifPresent(result -> results.add(
            event.getTestDescriptor().getUniqueId().toString().replaceAll(".*\\$(Run\\d+).*", "$1")
                + " " + result.getStatus() + result.getThrowable().map(t -> ": " + t.getMessage()).orElse(""))));

    org.assertj.core.api.Assertions.assertThat(results).hasSize(CLASSES)
        .allSatisfy(result -> org.assertj.core.api.Assertions.assertThat(result).endsWith("SUCCESSFUL"));
  }

  /** 50 classes, alternating between the two specs; each class a pooled cluster's next spec. */
  private static final List<Class<?>> RUNS = java.util.Arrays.stream(NoFalsePassAfterSwapTest.class.getDeclaredClasses())
      .filter(c -> c.getSimpleName().startsWith("Run")).sorted(java.util.Comparator.comparing(Class::getSimpleName))
      .<Class<?>>map(c -> c).toList();

  static Pod fsGroup1000() {
    return new PodBuilder().withNewMetadata().withName("restore-data").endMetadata()
        .withNewSpec().withNewSecurityContext().withFsGroup(1000L).endSecurityContext()
        .addNewContainer().withName("c").withImage("registry.k8s.io/pause:3.10").endContainer()
        .endSpec().build();
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = "policies/false-pass/labelled/")
  abstract static class Selected {
    @Test
    void fsGroup1000IsDenied(Cluster cluster) {
      assertThat(cluster).denies(fsGroup1000()).in("shop").by(Engine.VALIDATING_ADMISSION_POLICY, "no-fsgroup-1000");
    }
  }

  @PolicyCluster(backend = Backend.LOCAL, manifests = "policies/false-pass/unlabelled/")
  abstract static class NotSelected {
    @Test
    void fsGroup1000IsAdmitted(Cluster cluster) {
      assertThat(cluster).admits(fsGroup1000()).in("shop");
    }
  }

  static class Run01 extends Selected {}
  static class Run02 extends NotSelected {}
  static class Run03 extends Selected {}
  static class Run04 extends NotSelected {}
  static class Run05 extends Selected {}
  static class Run06 extends NotSelected {}
  static class Run07 extends Selected {}
  static class Run08 extends NotSelected {}
  static class Run09 extends Selected {}
  static class Run10 extends NotSelected {}
  static class Run11 extends Selected {}
  static class Run12 extends NotSelected {}
  static class Run13 extends Selected {}
  static class Run14 extends NotSelected {}
  static class Run15 extends Selected {}
  static class Run16 extends NotSelected {}
  static class Run17 extends Selected {}
  static class Run18 extends NotSelected {}
  static class Run19 extends Selected {}
  static class Run20 extends NotSelected {}
  static class Run21 extends Selected {}
  static class Run22 extends NotSelected {}
  static class Run23 extends Selected {}
  static class Run24 extends NotSelected {}
  static class Run25 extends Selected {}
  static class Run26 extends NotSelected {}
  static class Run27 extends Selected {}
  static class Run28 extends NotSelected {}
  static class Run29 extends Selected {}
  static class Run30 extends NotSelected {}
  static class Run31 extends Selected {}
  static class Run32 extends NotSelected {}
  static class Run33 extends Selected {}
  static class Run34 extends NotSelected {}
  static class Run35 extends Selected {}
  static class Run36 extends NotSelected {}
  static class Run37 extends Selected {}
  static class Run38 extends NotSelected {}
  static class Run39 extends Selected {}
  static class Run40 extends NotSelected {}
  static class Run41 extends Selected {}
  static class Run42 extends NotSelected {}
  static class Run43 extends Selected {}
  static class Run44 extends NotSelected {}
  static class Run45 extends Selected {}
  static class Run46 extends NotSelected {}
  static class Run47 extends Selected {}
  static class Run48 extends NotSelected {}
  static class Run49 extends Selected {}
  static class Run50 extends NotSelected {}
}
