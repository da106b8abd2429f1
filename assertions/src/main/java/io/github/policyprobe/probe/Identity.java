package io.github.policyprobe.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who sends a probe, as admission sees it in the request's userInfo: a Pod Security exemption by
 * username, a Kyverno {@code subjects} match, a Gatekeeper rule on {@code input.review.userInfo}
 * and a ValidatingAdmissionPolicy on {@code request.userInfo} all decide by it. Probes are sent
 * with impersonation; {@link #ADMIN} sends with policyprobe's own credentials.
 *
 * @param username the user, such as {@code system:serviceaccount:kasten-io:k10-k10}; empty for
 *     policyprobe's own credentials
 * @param groups the groups the API server would authenticate it with
 */
public record Identity(String username, List<String> groups) {
  /** policyprobe's own credentials: the cluster administrator who installs things. */
  public static final Identity ADMIN = new Identity("", List.of());
  /**
   * {@code -Dpolicyprobe.senders=admin} sends controllers' Pods and products' own objects as the
   * cluster admin, for an existing cluster where policyprobe's credentials may not impersonate.
   */
  public static final String SENDERS_PROPERTY = "policyprobe.senders";
  private static final String SERVICE_ACCOUNT = "system:serviceaccount:";

  public Identity {
    Objects.requireNonNull(username, "username");
    groups = List.copyOf(groups);
  }

  /** A service account, with the groups the API server gives every service account. */
  public static Identity serviceAccount(String namespace, String name) {
    requireText(namespace, "namespace");
    requireText(name, "name");
    return new Identity(SERVICE_ACCOUNT + namespace + ":" + name,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated"));
  }

  /** A user, such as a tenant's developer, with {@code system:authenticated} and the given groups. */
  public static Identity user(String name, String... groups) {
    requireText(name, "name");
    List<String> all = new ArrayList<>(List.of(groups));
    if (!all.contains("system:authenticated")) {
      all.add("system:authenticated");
    }
    return new Identity(name, all);
  }

  /**
   * The controller that creates the Pods of {@code kind}, as kube-controller-manager runs with
   * service account credentials (kubeadm, k3s): a Deployment's Pods come from its ReplicaSet, so
   * from the ReplicaSet controller; a CronJob's from its Jobs, so from the Job controller. A Pod
   * is created by whoever sends it: {@link #ADMIN}.
   */
  public static Identity creatorOfPodsOf(ProbeKind kind) {
    if (sendersAreAdmin()) {
      return ADMIN;
    }
    return switch (kind) {
      case POD -> ADMIN;
      case DEPLOYMENT, REPLICA_SET -> controller("replicaset-controller");
      case DAEMON_SET -> controller("daemon-set-controller");
      case STATEFUL_SET -> controller("statefulset-controller");
      case JOB, CRON_JOB -> controller("job-controller");
    };
  }

  private static Identity controller(String name) {
    return serviceAccount("kube-system", name);
  }

  /**
   * Whether {@code -Dpolicyprobe.senders=admin} sends every probe as the cluster admin that is not
   * explicitly sent as someone ({@code assertThat(cluster).as(identity)} still is).
   */
  public static boolean sendersAreAdmin() {
    return "admin".equals(System.getProperty(SENDERS_PROPERTY, "as-created"));
  }

  /** Whether probes go out impersonating this identity (every identity but {@link #ADMIN}). */
  public boolean impersonated() {
    return !username.isEmpty();
  }

  /** Whether it is a service account; then {@link #serviceAccountNamespace()} and {@link #serviceAccountName()}. */
  public boolean isServiceAccount() {
    return username.startsWith(SERVICE_ACCOUNT) && username.split(":").length == 4;
  }

  public String serviceAccountNamespace() {
    return isServiceAccount() ? username.split(":")[2] : "";
  }

  public String serviceAccountName() {
    return isServiceAccount() ? username.split(":")[3] : "";
  }

  /** A controller of kube-controller-manager, which the API server's bootstrap RBAC already lets create Pods. */
  public boolean isBuiltInController() {
    return isServiceAccount() && serviceAccountNamespace().equals("kube-system")
        && serviceAccountName().endsWith("-controller");
  }

  /** Such as {@code system:serviceaccount:kube-system:replicaset-controller}, or {@code the cluster admin}. */
  public String describe() {
    return impersonated() ? username : "the cluster admin";
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("An identity's " + what + " must not be empty");
    }
  }

  @Override
  public String toString() {
    return describe();
  }
}
