package io.github.policyprobe.boot;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.ClusterBackend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.StartedCluster;
import io.github.policyprobe.engines.EngineLauncher;
import io.github.policyprobe.k3s.K3sBackend;
import io.github.policyprobe.k3s.K3sImage;
import io.github.policyprobe.k3s.K3sPreflight;
import io.github.policyprobe.local.LocalCluster;
import io.github.policyprobe.local.LocalControlPlane;
import io.github.policyprobe.manifests.ManifestLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@link Cluster} for a spec: picks the backend, boots it, applies the manifests and
 * returns once their policies are in force. Usable without JUnit (benchmarks, tools).
 */
public final class Clusters {
  private static final Logger LOG = LoggerFactory.getLogger(Clusters.class);
  private static final AtomicInteger BOOTS = new AtomicInteger();
  private static final Set<String> FALLBACKS_LOGGED = ConcurrentHashMap.newKeySet();

  private Clusters() {}

  public static Cluster start(ClusterSpec spec) {
    long start = System.nanoTime();
    Backend backend = choose(spec).backend();
    StartedCluster started = withEngines(backendFor(backend).start(spec), spec);
    BOOTS.incrementAndGet();
    try {
      Cluster cluster = new Cluster(spec, started, new ManifestLoader());
      cluster.applySpecManifests();
      LOG.info("{} cluster ready with {} manifests applied ({} ms)", backend,
          cluster.appliedManifests().documents().size(), (System.nanoTime() - start) / 1_000_000);
      return cluster;
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /**
   * On the local backend the engines run as processes beside the API server, started before any
   * manifest is applied (k3s installs them itself; an existing cluster runs its own).
   */
  private static StartedCluster withEngines(StartedCluster started, ClusterSpec spec) {
    if (spec.engines().isEmpty() || !(started instanceof LocalCluster local)) {
      return started;
    }
    try {
      return new ClusterWithEngines(local, EngineLauncher.start(spec.engines(), local, spec.readyTimeout()));
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /** How many clusters this JVM has booted (existing clusters count too: they are "found"). */
  public static int bootCount() {
    return BOOTS.get();
  }

  /**
   * AUTO is k3s when it can start here (Docker answers, Ryuk can run or is off, the k3s image is
   * present or pullable), else the local control plane, with the reason in one log line per reason.
   */
  public static BackendChoice choose(ClusterSpec spec) {
    if (spec.backend() != Backend.AUTO) {
      return new BackendChoice(spec.backend(), "backend = " + spec.backend() + " was asked for");
    }
    K3sPreflight.Outcome k3s = K3sPreflight.check(K3sImage.of(spec));
    if (k3s.ready()) {
      return new BackendChoice(Backend.K3S, "AUTO backend: k3s, since it can start here");
    }
    BackendChoice local = new BackendChoice(Backend.LOCAL,
        "AUTO backend: the local control plane, because k3s cannot start here: " + k3s.cause().orElseThrow());
    if (FALLBACKS_LOGGED.add(local.why())) {
      LOG.info("{}", local.why());
    }
    return local;
  }

  private static ClusterBackend backendFor(Backend backend) {
    return switch (backend) {
      case LOCAL -> new LocalControlPlane();
      case K3S -> new K3sBackend();
      case EXISTING -> new ExistingClusterBackend();
      case AUTO -> throw new IllegalArgumentException("AUTO is resolved before this point");
    };
  }
}
