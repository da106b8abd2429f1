package io.github.policyprobe.internal.local;

import io.github.policyprobe.internal.process.FreePorts;
import io.github.policyprobe.internal.process.ManagedProcess;
import io.github.policyprobe.internal.process.ScratchDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** etcd for one local control plane: a single member, client and peer URLs on 127.0.0.1 only. */
public final class EtcdProcess {
  private final int clientPort;
  private final ManagedProcess process;

  private EtcdProcess(int clientPort, ManagedProcess process) {
    this.clientPort = clientPort;
    this.process = process;
  }

  static List<String> command(Path binary, Path dataDir, int clientPort, int peerPort) {
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    return List.of(
        binary.toString(),
        "--name=policyprobe",
        "--data-dir=" + dataDir,
        "--listen-client-urls=" + client,
        "--advertise-client-urls=" + client,
        "--listen-peer-urls=" + peer,
        "--initial-advertise-peer-urls=" + peer,
        "--initial-cluster=policyprobe=" + peer,
        // The data is thrown away after the run: durability only costs time.
        "--unsafe-no-fsync=true",
        // One member on loopback: with the defaults (100 ms / 1 s) its first election alone
        // takes about 0.8 s; these make etcd answer about 0.1 s after it starts.
        "--heartbeat-interval=20",
        "--election-timeout=100",
        "--log-level=warn");
  }

  public static EtcdProcess start(Path binary, ScratchDirectory scratch) {
    int clientPort = FreePorts.next();
    int peerPort = FreePorts.next();
    ManagedProcess process = ManagedProcess.start("etcd",
        command(binary, scratch.resolve("etcd-data"), clientPort, peerPort), Map.of(),
        scratch.path(), Optional.of(scratch.path()));
    return new EtcdProcess(clientPort, process);
  }

  public String clientUrl() {
    return "http://127.0.0.1:" + clientPort;
  }

  public ManagedProcess process() {
    return process;
  }
}
