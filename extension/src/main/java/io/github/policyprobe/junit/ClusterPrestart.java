package io.github.policyprobe.junit;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.internal.progress.ProgressLog;
import io.github.policyprobe.internal.wait.Futures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;

/**
 * Boots the next cluster a run will need while the current class's tests run. The test plan names
 * every class before the first one starts ({@link PlannedClusters}), so the distinct sets of
 * processes and their order are known: each time a class takes a cluster, the next set in the plan
 * that has none yet is started in the background. One at a time: on a small machine two boots at
 * once only slow each other. The configuration parameter (or system property)
 * {@code policyprobe.prestart=false} turns it off; it is off without cluster reuse, since a
 * prestarted cluster is swapped to the spec that takes it. A launcher run inside another (a test
 * of test suites) has a plan of its own.
 */
final class ClusterPrestart {
  static final String PARAMETER = ClusterPool.PRESTART_PROPERTY;
  private static final Logger LOG = ProgressLog.of(ClusterPrestart.class);
  /** The plans being executed, innermost last. */
  private static final List<ClusterPrestart> ACTIVE = new ArrayList<>();

  private final Object plan;
  /** The first spec of each set of processes, in plan order, keyed by those processes. */
  private final Map<ClusterSpec, ClusterSpec> planned = new LinkedHashMap<>();
  private final Set<ClusterSpec> taken = new HashSet<>();
  private ClusterSpec startingKey;
  private CompletableFuture<RunningCluster> starting;

  private ClusterPrestart(Object plan, List<ClusterSpec> specs) {
    this.plan = plan;
    for (ClusterSpec spec : specs) {
      keyOf(spec).ifPresent(key -> planned.putIfAbsent(key, spec));
    }
  }

  /** Whether a plan run with {@code parameter} (the configuration parameter, if set) starts clusters ahead. */
  static boolean enabled(Optional<String> parameter) {
    return ClusterPool.swapping() && !"false".equalsIgnoreCase(parameter.orElse("true"));
  }

  static synchronized void planStarted(Object plan, List<ClusterSpec> specs) {
    ACTIVE.add(new ClusterPrestart(plan, specs));
  }

  /** Stops what was started ahead for {@code plan} and no class took (a class filtered out, a failed run). */
  static void planFinished(Object plan) {
    ClusterPrestart finished;
    synchronized (ClusterPrestart.class) {
      finished = ACTIVE.stream().filter(p -> p.plan == plan).findFirst().orElse(null);
      ACTIVE.remove(finished);
    }
    if (finished != null) {
      finished.discardUntaken();
    }
  }

  /**
   * A cluster for {@code spec} that nobody holds: the one started ahead for its processes (swapped
   * to {@code spec}'s manifests if they differ), else a new one. Then starts the next one ahead.
   */
  static RunningCluster take(ClusterSpec spec) {
    Optional<ClusterSpec> key = keyOf(spec);
    ClusterPrestart owner = null;
    synchronized (ClusterPrestart.class) {
      for (ClusterPrestart active : ACTIVE) {
        if (key.isPresent() && active.planned.containsKey(key.get())) {
          owner = active; // the innermost plan that names it
        }
      }
    }
    return owner == null ? Clusters.start(spec) : owner.takeFor(key.get(), spec);
  }

  private RunningCluster takeFor(ClusterSpec key, ClusterSpec spec) {
    CompletableFuture<RunningCluster> ready = claim(key);
    RunningCluster cluster;
    if (ready == null) {
      cluster = Clusters.start(spec);
    } else {
      cluster = Futures.join(ready);
      if (!cluster.spec().equals(spec)) {
        try {
          cluster.swapTo(spec);
        } catch (RuntimeException e) {
          cluster.close();
          throw e;
        }
      }
    }
    startNext();
    return cluster;
  }

  private synchronized CompletableFuture<RunningCluster> claim(ClusterSpec key) {
    taken.add(key);
    if (starting != null && key.equals(startingKey)) {
      CompletableFuture<RunningCluster> claimed = starting;
      starting = null;
      startingKey = null;
      return claimed;
    }
    return null;
  }

  private synchronized void startNext() {
    if (starting != null) {
      return;
    }
    planned.entrySet().stream().filter(entry -> !taken.contains(entry.getKey())).findFirst().ifPresent(next -> {
      LOG.info("starting the next cluster of the test plan ahead: {}", describe(next.getValue()));
      startingKey = next.getKey();
      ClusterSpec spec = next.getValue();
      CompletableFuture<RunningCluster> future = new CompletableFuture<>();
      starting = future;
      Thread thread = new Thread(() -> {
        try {
          future.complete(Clusters.start(spec));
        } catch (Throwable e) {
          future.completeExceptionally(e);
        }
      }, "policyprobe-prestart");
      thread.setDaemon(true);
      thread.start();
    });
  }

  private void discardUntaken() {
    CompletableFuture<RunningCluster> untaken;
    synchronized (this) {
      untaken = starting;
      if (untaken != null) {
        LOG.info("stopping the cluster started ahead for {}: no test class took it",
            describe(planned.get(startingKey)));
      }
      starting = null;
      startingKey = null;
    }
    if (untaken != null) {
      untaken.handle((cluster, failure) -> {
        if (cluster != null) {
          cluster.close();
        }
        return null;
      }).join();
    }
  }

  /** Processes that can be started ahead: LOCAL and K3S clusters (an existing one just is). */
  private static Optional<ClusterSpec> keyOf(ClusterSpec spec) {
    ClusterSpec key = PoolKeys.of(spec);
    return key.backend() == Backend.EXISTING ? Optional.empty() : Optional.of(key);
  }

  private static String describe(ClusterSpec spec) {
    List<String> parts = new ArrayList<>();
    parts.add(spec.backend().toString());
    spec.admissionConfig().ifPresent(config -> parts.add("admissionConfig " + config));
    if (!spec.engines().isEmpty()) {
      parts.add("engines " + spec.engines());
    }
    if (!spec.apiServerArgs().isEmpty()) {
      parts.add("apiServerArgs " + spec.apiServerArgs());
    }
    return String.join(", ", parts);
  }
}
