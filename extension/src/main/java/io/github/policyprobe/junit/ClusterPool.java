package io.github.policyprobe.junit;

import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.internal.progress.ProgressLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The clusters of one kind for the whole test run: specs that need the same processes (backend,
 * versions, AdmissionConfiguration, apiServerArgs, engines) and differ only in manifests. A test
 * class leases a cluster for as long as it runs: classes with equal specs share one at the same
 * time; a class with other manifests gets a cluster nobody holds, whose policies are swapped in
 * well under the time of a boot, or, when every one is held (parallel classes), a new one. So a
 * class never sees another spec's policies. Kept in JUnit's root store, closed when the run ends.
 */
final class ClusterPool implements AutoCloseable {
  public static final String REUSE_PROPERTY = "policyprobe.reuseClusters";
  /** Whether the next cluster of the test plan boots while the current class runs ({@link ClusterPrestart}). */
  public static final String PRESTART_PROPERTY = "policyprobe.prestart";
  private static final Logger LOG = ProgressLog.of(ClusterPool.class);

  /** One running cluster, the spec it serves now, and who holds it. */
  private static final class Slot {
    RunningCluster cluster;
    final Set<Object> holders = new HashSet<>();

    Slot(RunningCluster cluster) {
      this.cluster = cluster;
    }
  }

  private final List<Slot> slots = new ArrayList<>();
  private final Map<ClusterSpec, RuntimeException> failures = new HashMap<>();

  /** A class's hold on a cluster, released when JUnit closes the class's store. */
  final class Lease implements AutoCloseable {
    private final Object holder = new Object();
    private RunningCluster cluster;

    private Lease(ClusterSpec spec) {
      this.cluster = acquire(spec, holder);
    }

    RunningCluster cluster() {
      return cluster;
    }

    @Override
    public void close() {
      release(holder);
    }
  }

  Lease lease(ClusterSpec spec) {
    return new Lease(spec);
  }

  private synchronized RunningCluster acquire(ClusterSpec spec, Object holder) {
    RuntimeException failed = failures.get(spec);
    if (failed != null) {
      throw failed; // one failed start per spec: the classes after it fail fast with the cause
    }
    try {
      Slot slot = slots.stream().filter(s -> s.cluster.spec().equals(spec)).findFirst()
          .or(() -> swapping() ? slots.stream().filter(s -> s.holders.isEmpty()).findFirst() : java.util.Optional.empty())
          .orElse(null);
      if (slot == null) {
        slot = new Slot(ClusterPrestart.take(spec));
        slots.add(slot);
      } else if (!slot.cluster.isHealthy()) {
        LOG.warn("cluster died ({}): starting a fresh one", slot.cluster.whatDied().orElse("?"));
        slot.cluster.close();
        slot.cluster = Clusters.start(spec);
      } else if (!slot.cluster.spec().equals(spec)) {
        swap(slot, spec);
      }
      slot.holders.add(holder);
      return slot.cluster;
    } catch (RuntimeException e) {
      failures.put(spec, e);
      throw e;
    }
  }

  /**
   * Whether a free cluster may take another spec's manifests ({@code -Dpolicyprobe.reuseClusters},
   * default true); false boots one cluster per distinct spec, as before pooling.
   */
  static boolean swapping() {
    return !"false".equalsIgnoreCase(System.getProperty(REUSE_PROPERTY, "true"));
  }

  private void swap(Slot slot, ClusterSpec spec) {
    try {
      slot.cluster.swapTo(spec);
    } catch (RuntimeException e) {
      // half swapped: nobody may use it again
      slots.remove(slot);
      slot.cluster.close();
      throw e;
    }
  }

  private synchronized void release(Object holder) {
    slots.forEach(slot -> slot.holders.remove(holder));
  }

  @Override
  public synchronized void close() {
    slots.forEach(slot -> slot.cluster.close());
    slots.clear();
  }
}
