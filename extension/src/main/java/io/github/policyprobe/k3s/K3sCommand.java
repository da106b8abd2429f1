package io.github.policyprobe.k3s;

import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.manifests.Locations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a spec adds to the k3s server command, and the files that must be in the container first.
 * Pure: reads the user's files but needs no Docker, so it is unit-tested on its own.
 *
 * <p>k3s has no pod-security flag of its own; kube-apiserver flags reach it as
 * {@code --kube-apiserver-arg=<flag>=<value>}. They are appended to K3sContainer's default command
 * ({@code server --disable=traefik --tls-san=<host>}), never replacing it: without the tls-san the
 * kubeconfig's host would not match the server certificate.
 */
public final class K3sCommand {

  /** Where the AdmissionConfiguration lands: outside k3s's data dir, which is a volume. */
  public static final String ADMISSION_CONFIG_PATH = "/etc/policyprobe/admission-config.yaml";

  static final String APISERVER_ARG = "--kube-apiserver-arg=";
  private static final String ADMISSION_CONFIG_FLAG = "admission-control-config-file";

  private final List<String> extraArgs;
  private final Optional<ContainerFile> admissionConfig;

  private K3sCommand(List<String> extraArgs, Optional<ContainerFile> admissionConfig) {
    this.extraArgs = List.copyOf(extraArgs);
    this.admissionConfig = admissionConfig;
  }

  /**
   * Reads the spec's AdmissionConfiguration where every backend looks for it: relative to the
   * project (working) folder, else on the class path.
   */
  public static K3sCommand from(ClusterSpec spec) {
    List<String> args = new ArrayList<>();
    Optional<ContainerFile> admission = spec.admissionConfig().map(K3sCommand::admissionConfigFile);
    admission.ifPresent(file -> args.add(APISERVER_ARG + ADMISSION_CONFIG_FLAG + "=" + file.containerPath()));
    for (String flag : spec.apiServerArgs()) {
      String bare = withoutDashes(flag);
      if (admission.isPresent() && bare.startsWith(ADMISSION_CONFIG_FLAG)) {
        throw new ClusterStartException("apiServerArgs entry '" + flag + "' conflicts with admissionConfig '"
            + admission.get().source() + "': give the AdmissionConfiguration in one place only");
      }
      args.add(APISERVER_ARG + bare);
    }
    return new K3sCommand(args, admission);
  }

  private static ContainerFile admissionConfigFile(String location) {
    Path path = Locations.find(location).orElseThrow(() -> new ClusterStartException(
        "AdmissionConfiguration file '" + location + "' not found: no file "
            + Path.of(location).toAbsolutePath().normalize() + " and no class path resource of that name"));
    try {
      return new ContainerFile(ADMISSION_CONFIG_PATH, Files.readAllBytes(path), location);
    } catch (IOException e) {
      throw new ClusterStartException("AdmissionConfiguration file '" + location + "' cannot be read: "
          + path + ": " + e, e);
    }
  }

  /** The k3s arguments this spec adds, in order. */
  public List<String> extraArgs() {
    return extraArgs;
  }

  /** The AdmissionConfiguration to copy into the container, if the spec names one. */
  public Optional<ContainerFile> admissionConfig() {
    return admissionConfig;
  }

  /** Every file to copy into the container before it starts. */
  public List<ContainerFile> filesToCopy() {
    return admissionConfig.map(List::of).orElse(List.of());
  }

  /** The container's full command: its default parts, then ours. */
  public String[] appendTo(String[] defaultCommand) {
    List<String> parts = new ArrayList<>(List.of(defaultCommand));
    parts.addAll(extraArgs);
    return parts.toArray(String[]::new);
  }

  /** {@code --feature-gates=X=true} becomes {@code feature-gates=X=true}, as k3s expects. */
  private static String withoutDashes(String flag) {
    String trimmed = flag.strip();
    if (!trimmed.startsWith("--") || trimmed.length() == 2 || trimmed.chars().anyMatch(Character::isWhitespace)) {
      throw new ClusterStartException("apiServerArgs entry '" + flag
          + "' is not a kube-apiserver flag: write it as --name=value (one entry per flag)");
    }
    return trimmed.substring(2);
  }

  @Override
  public String toString() {
    return "K3sCommand" + extraArgs;
  }
}
