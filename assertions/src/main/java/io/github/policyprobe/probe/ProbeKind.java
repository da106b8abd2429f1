package io.github.policyprobe.probe;

import java.util.Optional;

/**
 * What a probe variant is sent as. Pod controllers are also sent as the Pod their template would
 * create, since PodSecurity enforces on Pods only, while policies written for controllers match
 * only the controller.
 */
public enum ProbeKind {
  POD("Pod"),
  DEPLOYMENT("Deployment"),
  /** Node agents (CNI, CSI, backup and monitoring agents) as their charts render them. */
  DAEMON_SET("DaemonSet"),
  STATEFUL_SET("StatefulSet"),
  REPLICA_SET("ReplicaSet"),
  /** Jobs, Helm hooks among them; the probe Pod gets {@code restartPolicy: Never} unless it has one a Job allows. */
  JOB("Job"),
  CRON_JOB("CronJob");

  private final String kind;

  ProbeKind(String kind) {
    this.kind = kind;
  }

  /** The Kubernetes kind, as in a manifest. */
  public String kind() {
    return kind;
  }

  /** Reads a manifest kind ({@code Pod}, {@code Deployment}, {@code CronJob}, ...); empty if none. */
  public static Optional<ProbeKind> ofKind(String kind) {
    for (ProbeKind value : values()) {
      if (value.kind.equals(kind)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
