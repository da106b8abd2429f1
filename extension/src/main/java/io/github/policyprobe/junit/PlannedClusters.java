package io.github.policyprobe.junit;

import io.github.policyprobe.cluster.ClusterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Reads the specs of every {@code @PolicyCluster} class in the test plan, in the order they will
 * run, for {@link ClusterPrestart}. Registered with the JUnit Platform through
 * {@code META-INF/services}, so it is active wherever the extension is on the class path.
 */
public final class PlannedClusters implements TestExecutionListener {

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    if (!ClusterPrestart.enabled(plan.getConfigurationParameters().get(ClusterPrestart.PARAMETER))) {
      return;
    }
    List<ClusterSpec> specs = new ArrayList<>();
    for (TestIdentifier root : plan.getRoots()) {
      collect(plan, root, specs);
    }
    ClusterPrestart.planStarted(plan, specs);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    ClusterPrestart.planFinished(plan);
  }

  private static void collect(TestPlan plan, TestIdentifier node, List<ClusterSpec> specs) {
    specs.addAll(specsOf(node.getSource()));
    for (TestIdentifier child : plan.getChildren(node)) {
      collect(plan, child, specs);
    }
  }

  /** A class's specs, one per Kubernetes version it runs on; none for anything else. */
  private static List<ClusterSpec> specsOf(Optional<TestSource> source) {
    if (!(source.orElse(null) instanceof ClassSource classSource)) {
      return List.of();
    }
    try {
      Class<?> type = classSource.getJavaClass();
      if (AnnotationSupport.isAnnotated(type, org.junit.jupiter.api.Disabled.class)) {
        return List.of();
      }
      return ClusterSpecs.annotationOf(type).map(ClusterSpecs::allFrom).orElse(List.of());
    } catch (RuntimeException unreadable) {
      // a class that cannot be loaded or read fails in its own run, with its own message
      return List.of();
    }
  }
}
