package io.github.policyprobe.internal.local;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.engines.EngineHost;
import io.github.policyprobe.internal.process.ManagedProcess;
import io.github.policyprobe.internal.process.ScratchDirectory;
import io.github.policyprobe.internal.spi.StartedCluster;
import io.github.policyprobe.internal.tls.CertificateAuthority;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running local control plane: its processes, files and credentials, and how to stop it. */
public final class LocalCluster implements StartedCluster {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
  private static final int LOG_LINES_IN_ERRORS = 25;

  private final ClusterSpec spec;
  private final ScratchDirectory scratch;
  private final EtcdProcess etcd;
  private final ApiServerProcess apiServer;
  private final CertificateAuthority ca;
  private final String kubeconfig;
  private final Thread shutdownHook;
  private volatile DefaultServiceAccounts serviceAccounts;
  private volatile boolean closed;
  private final CompletableFuture<Void> bootstrapped = new CompletableFuture<>();

  LocalCluster(ClusterSpec spec, ScratchDirectory scratch, EtcdProcess etcd,
      ApiServerProcess apiServer, CertificateAuthority ca, String kubeconfig) {
    this.spec = spec;
    this.scratch = scratch;
    this.etcd = etcd;
    this.apiServer = apiServer;
    this.ca = ca;
    this.kubeconfig = kubeconfig;
    this.shutdownHook = new Thread(this::close, "policyprobe-local-control-plane-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  @Override
  public String kubeconfigYaml() {
    return kubeconfig;
  }

  @Override
  public Backend backend() {
    return Backend.LOCAL;
  }

  public ClusterSpec spec() {
    return spec;
  }

  @Override
  public Optional<String> whatDied() {
    if (closed) {
      return Optional.of("the local control plane was stopped");
    }
    if (bootstrapped.isCompletedExceptionally()) {
      return Optional.of("kube-apiserver never finished its bootstrap: "
          + bootstrapped.handle((ok, e) -> String.valueOf(e.getMessage()).lines().findFirst().orElse("")).join());
    }
    return List.of(etcd.process(), apiServer.process()).stream()
        .filter(process -> !process.isAlive())
        .findFirst()
        .map(process -> process + " exited with code " + process.exitCode().orElse(-1)
            + " (its last error: " + process.lastErrorLine() + ")");
  }

  @Override
  public List<String> apiServerLog() {
    return apiServer.process().logLines();
  }

  /** What engine processes started next to this control plane need from it. */
  public EngineHost engineHost() {
    return new EngineHost(kubeconfigFile(), kubeconfig, scratchFolder(), ca);
  }

  @Override
  public Map<String, ProcessHandle> processes() {
    Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    for (ManagedProcess process : List.of(etcd.process(), apiServer.process())) {
      process.handle().ifPresent(handle -> processes.put(process.name(), handle));
    }
    return processes;
  }

  /** The CA the API server trusts and serves with; it also signs webhook servers' certificates. */
  public CertificateAuthority certificateAuthority() {
    return ca;
  }

  /** This cluster's private folder (certificates, logs, data); gone once it is closed. */
  public Path scratchFolder() {
    return scratch.path();
  }

  /** The kubeconfig as a file, for processes started next to the API server. */
  public Path kubeconfigFile() {
    return scratch.resolve("kubeconfig");
  }

  public String apiServerUrl() {
    return apiServer.url();
  }

  public ManagedProcess etcdProcess() {
    return etcd.process();
  }

  public ManagedProcess apiServerProcess() {
    return apiServer.process();
  }

  KubernetesClient newAdminClient() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
  }

  /**
   * Waits for the /readyz checks the start left out (bootstrap roles, system PriorityClasses) on
   * a daemon thread; {@link #awaitBootstrapped} joins it.
   */
  void awaitBootstrapInBackground(long startNanos) {
    Thread waiter = new Thread(() -> {
      try {
        LocalControlPlane.awaitReady(this, spec.readyTimeout(), startNanos, true);
        LOG.debug("bootstrap roles and priority classes in place ({} ms since start)",
            (System.nanoTime() - startNanos) / 1_000_000);
        bootstrapped.complete(null);
      } catch (RuntimeException e) {
        if (closed || !etcd.process().isAlive() || !apiServer.process().isAlive()) {
          // A dead process is whatDied()'s to report, and each request then fails naming it.
          bootstrapped.complete(null);
        } else {
          bootstrapped.completeExceptionally(e);
        }
      }
    }, "policyprobe-bootstrap-wait");
    waiter.setDaemon(true);
    waiter.start();
  }

  @Override
  public void awaitBootstrapped() {
    try {
      bootstrapped.get(spec.readyTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterStartException("interrupted while waiting for kube-apiserver's bootstrap");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof ClusterStartException cse ? cse
          : new ClusterStartException("kube-apiserver's bootstrap failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new ClusterStartException("kube-apiserver did not finish its bootstrap (RBAC roles,"
          + " system PriorityClasses) within " + spec.readyTimeout().toSeconds() + " s.\n" + processLogs());
    }
  }

  void startServiceAccountSeeding() {
    serviceAccounts = DefaultServiceAccounts.start(newAdminClient());
  }

  void failIfAnyProcessExited() {
    for (ManagedProcess process : List.of(etcd.process(), apiServer.process())) {
      if (!process.isAlive()) {
        throw new ClusterStartException(process.name() + " exited with code "
            + process.exitCode().orElse(-1) + " during start: " + process.lastErrorLine()
            + spec.admissionConfig().map(path -> "\n(admissionConfig: " + path + ")").orElse("")
            + "\nIts log ends with:\n" + process.tailOfLog(LOG_LINES_IN_ERRORS));
      }
    }
  }

  String processLogs() {
    return "etcd log:\n" + etcd.process().tailOfLog(LOG_LINES_IN_ERRORS)
        + "\nkube-apiserver log:\n" + apiServer.process().tailOfLog(LOG_LINES_IN_ERRORS);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (serviceAccounts != null) {
      serviceAccounts.close();
    }
    apiServer.process().close();
    etcd.process().close();
    scratch.close();
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: nothing left to remove
      }
    }
    LOG.info("local control plane stopped");
  }
}
