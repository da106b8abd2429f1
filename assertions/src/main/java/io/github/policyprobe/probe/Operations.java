package io.github.policyprobe.probe;

import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * The operations beyond create that hardening decides, as kubectl sends them:
 *
 * <pre>
 * assertThat(cluster).denies(Operations.debug()).in("shop");
 * assertThat(cluster).as(serviceAccount("velero", "velero")).admits(Operations.exec("/bin/sh", "-c", "fsfreeze")).in("shop");
 * assertThat(cluster).as(user("dev")).denies(Operations.labelNamespace("pod-security.kubernetes.io/enforce", "privileged")).in("shop");
 * </pre>
 */
public final class Operations {
  /** kubectl debug's image when none is given. */
  public static final String DEBUG_IMAGE = "busybox:1.28";

  private Operations() {}

  /**
   * {@code kubectl debug -it <pod> --image=busybox:1.28 --target=<container>} with the default
   * profile: an ephemeral container that sets no securityContext.
   */
  public static Operation debug() {
    return debugWith(null);
  }

  /** {@code kubectl debug --profile=sysadmin}: the ephemeral container is privileged. */
  public static Operation debugAsSysadmin() {
    SecurityContext privileged = new SecurityContext();
    privileged.setPrivileged(true);
    return debugWith(privileged);
  }

  private static Operation debugWith(SecurityContext securityContext) {
    EphemeralContainer container = new EphemeralContainer();
    container.setName("debugger");
    container.setImage(DEBUG_IMAGE);
    container.setStdin(true);
    container.setTty(true);
    container.setTargetContainerName(NeutralTemplate.CONTAINER);
    container.setSecurityContext(securityContext);
    return new Operation.Debug(container);
  }

  /** {@code kubectl debug} with an ephemeral container of your own. */
  public static Operation debug(EphemeralContainer container) {
    return new Operation.Debug(container);
  }

  /** {@code kubectl exec <pod> -- <command>}. */
  public static Operation exec(String... command) {
    return new Operation.Exec(List.of(command));
  }

  /** {@code kubectl attach <pod>}. */
  public static Operation attach() {
    return new Operation.Attach();
  }

  /** An update of a running Pod: {@code change} applied to it, described as {@code what}. */
  public static Operation update(String what, PodChange change) {
    return new Operation.Update(what, change);
  }

  /** {@code kubectl label namespace <ns> key=value --overwrite}. */
  public static Operation labelNamespace(String key, String value) {
    return new Operation.LabelNamespace(Map.of(key, value));
  }
}
