package io.github.policyprobe.internal.k3s;

import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.ClusterStartException;
import io.github.policyprobe.internal.spi.AdmissionConfigFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(K3sCommand.class);

  /** Where the AdmissionConfiguration lands: outside k3s's data dir, which is a volume. */
  public static final String ADMISSION_CONFIG_PATH = "/etc/policyprobe/admission-config.yaml";

  static final String APISERVER_ARG = "--kube-apiserver-arg=";
  private static final String ADMISSION_CONFIG_FLAG = "admission-control-config-file";
  private static final String ENABLE_PLUGINS = "enable-admission-plugins=";
  /** The apiVersions kube-apiserver 1.34 reads an AdmissionConfiguration in. */
  private final List<String> extraArgs;
  private final Optional<ContainerFile> admissionConfig;

  private K3sCommand(List<String> extraArgs, Optional<ContainerFile> admissionConfig) {
    this.extraArgs = List.copyOf(extraArgs);
    this.admissionConfig = admissionConfig;
  }

  /** The k3s arguments for {@code spec}, with its AdmissionConfiguration ({@link AdmissionConfigFile}). */
  public static K3sCommand from(ClusterSpec spec) {
    List<String> args = new ArrayList<>();
    Optional<ContainerFile> admission = AdmissionConfigFile.of(spec)
        .map(file -> new ContainerFile(ADMISSION_CONFIG_PATH, file.content(), file.location()));
    admission.ifPresent(file -> args.add(APISERVER_ARG + ADMISSION_CONFIG_FLAG + "=" + file.containerPath()));
    for (String flag : spec.effectiveApiServerArgs()) {
      String bare = withoutDashes(flag);
      if (admission.isPresent() && bare.startsWith(ADMISSION_CONFIG_FLAG)) {
        throw new ClusterStartException("apiServerArgs entry '" + flag + "' conflicts with admissionConfig '"
            + admission.get().source() + "': give the AdmissionConfiguration in one place only");
      }
      args.add(APISERVER_ARG + appendingPlugins(bare));
    }
    return new K3sCommand(args, admission);
  }

  /**
   * {@code enable-admission-plugins=X} would replace the list k3s passes (and drop its
   * NodeRestriction); k3s's {@code +=} appends to it, which is what a user adding a plugin means.
   */
  private static String appendingPlugins(String bareFlag) {
    if (!bareFlag.startsWith(ENABLE_PLUGINS)) {
      return bareFlag;
    }
    String appending = "enable-admission-plugins+=" + bareFlag.substring(ENABLE_PLUGINS.length());
    LOG.info("k3s: --{} becomes --kube-apiserver-arg={}: k3s's own admission plugins stay enabled",
        bareFlag, appending);
    return appending;
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
