package io.github.policyprobe.internal.local;

import io.github.policyprobe.internal.process.FreePorts;
import io.github.policyprobe.internal.process.ManagedProcess;
import io.github.policyprobe.internal.process.ScratchDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-apiserver for one local control plane, with the admission chain k3s runs: the default
 * plugins (PodSecurity, ValidatingAdmissionPolicy, webhooks, ServiceAccount, ...) plus
 * NodeRestriction, and the user's AdmissionConfiguration.
 */
public final class ApiServerProcess {
  /** k3s's service range, so Services in the users' manifests fit both backends. */
  static final String SERVICE_CIDR = "10.43.0.0/16";

  private final int port;
  private final ManagedProcess process;

  private ApiServerProcess(int port, ManagedProcess process) {
    this.port = port;
    this.process = process;
  }

  /** The files a kube-apiserver needs, all in the cluster's scratch folder. */
  record Files(Path servingCert, Path servingKey, Path clientCa, Path serviceAccountKey,
      Path serviceAccountPublicKey, Optional<Path> admissionConfig) {}

  static List<String> command(Path binary, String etcdUrl, int port, Files files, List<String> extraArgs) {
    List<String> command = new ArrayList<>(List.of(
        binary.toString(),
        "--etcd-servers=" + etcdUrl,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        "--secure-port=" + port,
        "--tls-cert-file=" + files.servingCert(),
        "--tls-private-key-file=" + files.servingKey(),
        "--client-ca-file=" + files.clientCa(),
        "--authorization-mode=Node,RBAC",
        "--enable-admission-plugins=NodeRestriction",
        "--allow-privileged=true",
        "--service-cluster-ip-range=" + SERVICE_CIDR,
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + files.serviceAccountPublicKey(),
        "--service-account-signing-key-file=" + files.serviceAccountKey(),
        "--profiling=false",
        // No node runs here: the endpoint reconciler would only keep rewriting one address.
        "--endpoint-reconciler-type=none"));
    files.admissionConfig().ifPresent(path -> command.add("--admission-control-config-file=" + path));
    command.addAll(extraArgs);
    return List.copyOf(command);
  }

  public static ApiServerProcess start(Path binary, String etcdUrl, Files files,
      List<String> extraArgs, ScratchDirectory scratch) {
    int port = FreePorts.next();
    ManagedProcess process = ManagedProcess.start("kube-apiserver",
        command(binary, etcdUrl, port, files, extraArgs), Map.of(), scratch.path(), Optional.empty());
    return new ApiServerProcess(port, process);
  }

  public String url() {
    return "https://127.0.0.1:" + port;
  }

  public ManagedProcess process() {
    return process;
  }
}
