package io.github.policyprobe.probe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * One object a requirement sends: the neutral template plus a change, as a Pod or a pod
 * controller; or an object exactly as a manifest rendered it; or an operation on a running Pod
 * (exec, debug, an update). A requirement with several values to check (each supplemental group,
 * say) has one variant per value.
 *
 * @param label what this variant checks, such as {@code fsGroup 2000}; empty for the only one
 * @param kind what it is sent as; a controller is also sent as the Pod its template would
 *     create, since PodSecurity enforces on Pods only
 * @param change the change made to the neutral template
 * @param rendered an object as a manifest rendered it, sent in place of the neutral template
 *     (namespace and name replaced); {@code null} for a template probe
 * @param operation how it reaches admission; an operation on a running Pod acts on the template
 *     Pod with {@code change}
 */
public record ProbeVariant(String label, ProbeKind kind, PodChange change, HasMetadata rendered, Operation operation) {

  public ProbeVariant {
    label = label == null ? "" : label;
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(operation, "operation");
    if (!(operation instanceof Operation.Create) && (kind != ProbeKind.POD || rendered != null)) {
      throw new IllegalArgumentException(operation.describe() + " acts on a Pod of the neutral template, not on a "
          + (rendered != null ? "rendered object" : kind.kind()));
    }
  }

  /** A probe of the neutral template plus {@code change}, sent as {@code kind}. */
  public ProbeVariant(String label, ProbeKind kind, PodChange change) {
    this(label, kind, change, null, new Operation.Create());
  }

  /** A Pod, or a Deployment when {@code asDeployment}. */
  public ProbeVariant(String label, boolean asDeployment, PodChange change) {
    this(label, asDeployment ? ProbeKind.DEPLOYMENT : ProbeKind.POD, change);
  }

  public static ProbeVariant pod(String label, PodChange change) {
    return new ProbeVariant(label, ProbeKind.POD, change);
  }

  public static ProbeVariant deployment(String label, PodChange change) {
    return new ProbeVariant(label, ProbeKind.DEPLOYMENT, change);
  }

  public static ProbeVariant daemonSet(String label, PodChange change) {
    return new ProbeVariant(label, ProbeKind.DAEMON_SET, change);
  }

  /**
   * An object as a manifest rendered it (a Pod or a pod controller), sent as it is but for its
   * namespace and name; a controller is also sent as the Pod its template would create.
   */
  public static ProbeVariant asRendered(String label, HasMetadata object) {
    ProbeKind kind = ProbeKind.ofKind(object.getKind()).orElseThrow(() -> new IllegalArgumentException(
        object.getKind() + " is not a Pod or a pod controller policyprobe can send"));
    return new ProbeVariant(label, kind, PodChange.none(), object, new Operation.Create());
  }

  /** Whether it is sent as a Deployment. */
  public boolean asDeployment() {
    return kind == ProbeKind.DEPLOYMENT;
  }
}
