package io.github.policyprobe.internal.cluster;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.manifests.ManifestLoader;
import io.github.policyprobe.internal.pinned.PinnedEngine;
import io.github.policyprobe.internal.progress.ProgressLog;
import io.github.policyprobe.internal.spi.BackendRefusedException;
import io.github.policyprobe.internal.spi.ClusterBackend;
import io.github.policyprobe.internal.spi.StartedCluster;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Starts a {@link RunningCluster} for a spec: picks the backend, boots it (with its engines), applies the
 * manifests and returns once their policies are in force. Usable without JUnit (benchmarks, tools).
 */
public final class Clusters {
  private static final Logger LOG = ProgressLog.of(Clusters.class);
  /** AUTO's order of preference: a real k3s where it can run, else the local control plane. */
  private static final List<Backend> AUTO_ORDER = List.of(Backend.K3S, Backend.LOCAL);
  private static final AtomicInteger BOOTS = new AtomicInteger();
  private static final Set<String> FALLBACKS_LOGGED = ConcurrentHashMap.newKeySet();
  private static final Set<String> ENGINE_WARNINGS_LOGGED = ConcurrentHashMap.newKeySet();

  private Clusters() {}

  public static RunningCluster start(ClusterSpec spec) {
    long start = System.nanoTime();
    warnOfUnsupportedEngines(spec);
    StartedCluster started = boot(choose(spec), spec);
    BOOTS.incrementAndGet();
    return open(spec, started, start);
  }

  /** An engine outside its own compatibility statement still runs, but the user is told, once per pair. */
  private static void warnOfUnsupportedEngines(ClusterSpec spec) {
    if (spec.backend() == Backend.EXISTING) {
      return;
    }
    for (Engine engine : spec.engines()) {
      PinnedEngine.of(engine).unsupportedOn(spec.kubernetesVersion())
          .filter(ENGINE_WARNINGS_LOGGED::add)
          .ifPresent(why -> LOG.warn("{} (README \"Test the next Kubernetes version before you upgrade\")", why));
    }
  }

  /**
   * Wraps a booted cluster and applies the spec's manifests; on failure stops it. A request that
   * failed because the cluster died meanwhile, or never finished its bootstrap, is a failed start
   * and is reported as one, with the backend's own account of it rather than the refused request.
   */
  static RunningCluster open(ClusterSpec spec, StartedCluster started, long startNanos) {
    try {
      RunningCluster cluster = new RunningCluster(spec, started, new ManifestLoader());
      cluster.prepareNamespaceEpochs();
      cluster.applySpecManifests();
      LOG.info("{} cluster ready with {} manifests applied ({} ms)", started.backend(),
          cluster.appliedManifests().documents().size(), (System.nanoTime() - startNanos) / 1_000_000);
      return cluster;
    } catch (RuntimeException e) {
      RuntimeException failure = e instanceof ClusterStartException ? e : startFailure(started, e);
      started.close();
      throw failure;
    }
  }

  private static RuntimeException startFailure(StartedCluster started, RuntimeException e) {
    Optional<String> death = started.whatDied();
    if (death.isEmpty()) {
      return e; // the cluster runs: the manifests or their policies are at fault, and e says so
    }
    try {
      started.awaitBootstrapped(); // settled by now; throws the bootstrap's failure with the logs
    } catch (ClusterStartException bootstrapFailure) {
      return bootstrapFailure;
    }
    return new ClusterStartException("the cluster died while it started: " + death.get(), e);
  }

  /**
   * Boots the chosen backend. Under AUTO, a backend the machine refused before anything ran is one
   * more reason for the next one in AUTO's order, logged once; a backend that ran and failed is not.
   */
  private static StartedCluster boot(BackendChoice choice, ClusterSpec spec) {
    try {
      return backend(choice.backend()).start(spec);
    } catch (BackendRefusedException e) {
      if (spec.backend() != Backend.AUTO) {
        throw e;
      }
      BackendChoice next = choose(spec);
      if (next.backend() == choice.backend()) {
        throw e;
      }
      return boot(next, spec);
    }
  }

  /**
   * Why {@code spec}'s backend cannot start here, found cheaply before anything starts; empty when
   * it can (JUnit's backend condition asks, as AUTO does).
   */
  public static Optional<String> unavailableFor(ClusterSpec spec) {
    return backend(spec.backend()).unavailableFor(spec);
  }

  /** How many clusters this JVM has booted (existing clusters count too: they are "found"). */
  public static int bootCount() {
    return BOOTS.get();
  }

  /**
   * The backend a spec boots on: the one asked for, or under AUTO the first in AUTO's order that
   * can start here, with the reasons for those passed over in one log line per reason.
   */
  public static BackendChoice choose(ClusterSpec spec) {
    if (spec.backend() != Backend.AUTO) {
      return new BackendChoice(spec.backend(), "backend = " + spec.backend() + " was asked for");
    }
    StringBuilder passedOver = new StringBuilder();
    for (Backend candidate : AUTO_ORDER) {
      Optional<String> unavailable = backend(candidate).unavailableFor(spec);
      if (unavailable.isEmpty()) {
        if (passedOver.isEmpty()) {
          return new BackendChoice(candidate, "AUTO backend: " + describe(candidate) + ", since it can start here");
        }
        BackendChoice choice = new BackendChoice(candidate,
            "AUTO backend: " + describe(candidate) + ", because " + passedOver);
        if (FALLBACKS_LOGGED.add(choice.why())) {
          LOG.info("{}", choice.why());
        }
        return choice;
      }
      passedOver.append(passedOver.isEmpty() ? "" : "; and ").append(unavailable.get());
    }
    throw new ClusterStartException("AUTO backend: no backend can start here: " + passedOver);
  }

  private static String describe(Backend backend) {
    return switch (backend) {
      case LOCAL -> "the local control plane";
      case K3S -> "k3s";
      default -> backend.name();
    };
  }

  private static ClusterBackend backend(Backend backend) {
    ClusterBackend found = Installed.BACKENDS.get(backend);
    if (found == null) {
      throw new ClusterStartException("no backend provides " + backend + " (found " + Installed.BACKENDS.keySet()
          + "): a jar that merges META-INF/services must keep " + ClusterBackend.class.getName());
    }
    return found;
  }

  /** The backends on the class path, loaded once. */
  private static final class Installed {
    static final Map<Backend, ClusterBackend> BACKENDS = load();

    private static Map<Backend, ClusterBackend> load() {
      Map<Backend, ClusterBackend> backends = new EnumMap<>(Backend.class);
      for (ClusterBackend backend : ServiceLoader.load(ClusterBackend.class, Clusters.class.getClassLoader())) {
        backends.putIfAbsent(backend.backend(), backend);
      }
      return backends;
    }
  }
}
