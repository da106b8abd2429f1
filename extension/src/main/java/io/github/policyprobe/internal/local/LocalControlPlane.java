package io.github.policyprobe.internal.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.process.ScratchDirectory;
import io.github.policyprobe.internal.progress.ProgressLog;
import io.github.policyprobe.internal.spi.AdmissionConfigFile;
import io.github.policyprobe.internal.tls.CertificateAuthority;
import io.github.policyprobe.internal.tls.IssuedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * etcd and kube-apiserver as processes on 127.0.0.1, with certificates and credentials made for
 * this run only. It runs the same admission chain that k3s embeds.
 */
public final class LocalControlPlane {
  private static final int PORT_RACE_ATTEMPTS = 3;
  /** /readyz is cheap to ask; a short interval ends the wait close to the moment it passes. */
  private static final Duration READY_POLL = Duration.ofMillis(10);
  /** The /readyz checks that only seed bootstrap data; see {@link #awaitReady}. */
  static final List<String> BOOTSTRAP_HOOKS = List.of("poststarthook/rbac/bootstrap-roles",
      "poststarthook/scheduling/bootstrap-system-priority-classes");
  private static final Logger LOG = ProgressLog.of(LocalControlPlane.class);

  /** Starts a control plane whose API server answers; no engines, no manifests. */
  public LocalCluster start(ClusterSpec spec) {
    // A free port is found, then bound by the child process a moment later: another process on
    // the machine (a parallel build, say) can take it in between. Such a start is retried on new
    // ports; every other failure is reported at once.
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(spec);
      } catch (ClusterStartException e) {
        if (attempt >= PORT_RACE_ATTEMPTS || !String.valueOf(e.getMessage()).contains("address already in use")) {
          throw e;
        }
        LOG.warn("a port was taken between choosing it and binding it; starting again on new ports ({})",
            e.getMessage().lines().findFirst().orElse(""));
      }
    }
  }

  private LocalCluster startOnce(ClusterSpec spec) {
    long start = System.nanoTime();
    KubeBinaries binaries = KubeBinaries.forVersion(spec.kubernetesVersion());
    LOG.info("binaries found in {} ({} ms)", binaries.apiServer().getParent(), millisSince(start));

    // A missing or wrong AdmissionConfiguration fails here, before any process starts.
    Optional<AdmissionConfigFile> admission = AdmissionConfigFile.of(spec);
    ScratchDirectory scratch = ScratchDirectory.create();
    EtcdProcess etcd = null;
    ApiServerProcess apiServer = null;
    try {
      // etcd needs no certificates, and kube-apiserver retries until etcd answers: each process
      // starts as soon as it can, and the admin's RSA key is made while they boot.
      etcd = EtcdProcess.start(binaries.etcd(), scratch);
      CertificateAuthority ca = CertificateAuthority.create("policyprobe-ca");
      ApiServerProcess.Files files = writeFiles(scratch, ca, admission);
      apiServer = ApiServerProcess.start(binaries.apiServer(), etcd.clientUrl(), files,
          spec.effectiveApiServerArgs(), scratch);
      IssuedCertificate admin = ca.issueClient("policyprobe-admin", "system:masters");
      String kubeconfig = Kubeconfig.withClientCertificate(apiServer.url(), ca.certificatePem(),
          admin.certificatePem(), admin.privateKeyPem());
      Files.writeString(scratch.resolve("kubeconfig"), kubeconfig);

      LocalCluster cluster = new LocalCluster(spec, scratch, etcd, apiServer, ca, kubeconfig);
      // One readyTimeout for the whole boot, bootstrap included, counted from the boot's start:
      // counted from here, after the certificates, a machine that made them slowly but ran
      // kube-apiserver's bootstrap quickly could boot "within" a budget it had overrun.
      awaitReady(cluster, spec.readyTimeout(), start, false);
      LOG.info("local control plane ready at {} ({} ms since start)", apiServer.url(), millisSince(start));
      cluster.startServiceAccountSeeding();
      cluster.awaitBootstrapInBackground(start);
      return cluster;
    } catch (RuntimeException | IOException e) {
      stopQuietly(apiServer, etcd, scratch);
      if (e instanceof ClusterStartException cse) {
        throw cse;
      }
      throw new ClusterStartException("could not start the local control plane: " + e.getMessage(), e);
    }
  }

  private static ApiServerProcess.Files writeFiles(ScratchDirectory scratch, CertificateAuthority ca,
      Optional<AdmissionConfigFile> admissionConfig) throws IOException {
    IssuedCertificate serving = ca.issueServer("kube-apiserver", List.of("127.0.0.1", "localhost",
        "kubernetes", "kubernetes.default", "kubernetes.default.svc",
        "kubernetes.default.svc.cluster.local"));
    Path cert = Files.writeString(scratch.resolve("apiserver.crt"), serving.certificatePem());
    Path key = Files.writeString(scratch.resolve("apiserver.key"), serving.privateKeyPem());
    Path clientCa = Files.writeString(scratch.resolve("ca.crt"), ca.certificatePem());
    CertificateAuthority.ServiceAccountKeys saKeys = CertificateAuthority.newServiceAccountKeys();
    Path serviceAccountKey = Files.writeString(scratch.resolve("service-account.key"), saKeys.privateKeyPem());
    Path serviceAccountPublicKey = Files.writeString(scratch.resolve("service-account.pub"), saKeys.publicKeyPem());
    Optional<Path> admission = Optional.empty();
    if (admissionConfig.isPresent()) {
      // A copy, so that the file the API server reads is the one the run started with.
      admission = Optional.of(Files.write(scratch.resolve("admission-config.yaml"), admissionConfig.get().content()));
    }
    return new ApiServerProcess.Files(cert, key, clientCa, serviceAccountKey,
        serviceAccountPublicKey, admission);
  }

  /**
   * Polls /readyz until it answers ok. A process that exits meanwhile ends the wait at once, with
   * its own log in the message: a bad AdmissionConfiguration surfaces in seconds.
   *
   * <p>Two post-start hooks are left out here: they only seed the bootstrap RBAC roles and the
   * system PriorityClasses, and each first sleeps a fixed second (upstream's wait.Poll), which
   * made up 1.1-1.6 s of every boot. Nothing of policyprobe's boot needs them (its admin is in
   * system:masters, which the authorizer allows without roles); {@link LocalCluster} awaits them
   * in the background and before it hands out a client for probes.
   */
  static void awaitReady(LocalCluster cluster, Duration timeout, long sinceNanos, boolean bootstrapToo) {
    long deadline = sinceNanos + timeout.toNanos();
    String lastAnswer = "no answer yet";
    try (KubernetesClient client = cluster.newAdminClient()) {
      HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
          .uri(client.getConfiguration().getMasterUrl() + "readyz"
              + (bootstrapToo ? "" : BOOTSTRAP_HOOKS.stream().map(hook -> "exclude=" + hook)
                  .collect(java.util.stream.Collectors.joining("&", "?", ""))))
          .build();
      while (System.nanoTime() < deadline) {
        cluster.failIfAnyProcessExited();
        try {
          HttpResponse<String> response =
              client.getHttpClient().sendAsync(request, String.class).get(2, TimeUnit.SECONDS);
          if (response.code() == 200) {
            return;
          }
          lastAnswer = "HTTP " + response.code() + ": " + response.body();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          lastAnswer = String.valueOf(e.getCause() != null ? e.getCause() : e);
        }
        Thread.sleep(READY_POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterStartException("interrupted while waiting for kube-apiserver /readyz");
    }
    throw new ClusterStartException("kube-apiserver did not become ready within "
        + timeout.toSeconds() + " s (last /readyz answer: " + lastAnswer.strip() + ").\n"
        + cluster.processLogs());
  }

  private static void stopQuietly(ApiServerProcess apiServer, EtcdProcess etcd, ScratchDirectory scratch) {
    if (apiServer != null) {
      apiServer.process().close();
    }
    if (etcd != null) {
      etcd.process().close();
    }
    scratch.close();
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
