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
import io.github.policyprobe.k3s.K3sRefusedException;
import io.github.policyprobe.local.LocalCluster;
import io.github.policyprobe.local.LocalControlPlane;
import io.github.policyprobe.manifests.ManifestLoader;
import io.github.policyprobe.progress.ProgressLog;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Starts a {@link Cluster} for a spec: picks the backend, boots it, applies the manifests and
 * returns once their policies are in force. Usable without JUnit (benchmarks, tools).
 */
public final class Clusters {
  private static final Logger LOG = ProgressLog.of(Clusters.class);
  private static final AtomicInteger BOOTS = new AtomicInteger();
  private static final Set<String> FALLBACKS_LOGGED = ConcurrentHashMap.newKeySet();
  /** k3s images the Docker engine refused to run in this JVM, with AUTO's reason. */
  private static final Map<String, String> K3S_REFUSED = new ConcurrentHashMap<>();

  private Clusters() {}

  public static Cluster start(ClusterSpec spec) {
    long start = System.nanoTime();
    BackendChoice choice = choose(spec);
    StartedCluster booted = boot(choice, spec);
    Backend backend = booted.backend();
    StartedCluster started = withEngines(booted, spec);
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
   * Boots the chosen backend. Under AUTO, a Docker engine that refuses the k3s container (privileged
   * mode refused, an image that is no k3s) is one more reason for the local control plane, logged
   * once and remembered for the rest of the run; a k3s that ran and failed is not.
   */
  private static StartedCluster boot(BackendChoice choice, ClusterSpec spec) {
    try {
      return backendFor(choice.backend()).start(spec);
    } catch (K3sRefusedException e) {
      if (spec.backend() != Backend.AUTO) {
        throw e;
      }
      String why = "AUTO backend: the local control plane, because " + e.reason();
      K3S_REFUSED.put(K3sImage.of(spec), why);
      LOG.info("{}", why);
      return backendFor(Backend.LOCAL).start(spec);
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
    String image = K3sImage.of(spec);
    if (K3S_REFUSED.containsKey(image)) {
      return new BackendChoice(Backend.LOCAL, K3S_REFUSED.get(image));
    }
    K3sPreflight.Outcome k3s = K3sPreflight.check(image);
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
