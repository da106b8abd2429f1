package io.github.policyprobe.assertions;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.internal.evaluation.Expectation;
import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.podsecurity.PodSecurityControl;
import io.github.policyprobe.podsecurity.PodSecurityControls;
import io.github.policyprobe.podsecurity.PodSecurityLevel;
import io.github.policyprobe.profile.NamespacePlan;
import io.github.policyprobe.profile.NamespaceRole;
import io.github.policyprobe.profile.Requirement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Descriptable;
import org.assertj.core.description.Description;

/**
 * {@code enforcesPodSecurity(level).in(namespaces)}: every Pod Security Standards control of the
 * level, each violated on its own, must be denied by a policy in each namespace. A warning is a
 * failure ("would only be warned"), and so is a denial by the API server's own validation.
 * {@code as(...)} names the failure like any AssertJ assertion's.
 */
public final class PodSecurityAssert implements Descriptable<PodSecurityAssert> {
  private static final String ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version";
  private final ClusterAssert cluster;
  private final PodSecurityLevel level;

  PodSecurityAssert(ClusterAssert cluster, PodSecurityLevel level) {
    this.cluster = cluster;
    this.level = level;
  }

  @Override
  public PodSecurityAssert describedAs(Description description) {
    cluster.describedAs(description);
    return this;
  }

  /** Checks every control in each namespace; returns the cluster assertion to go on with. */
  public ClusterAssert in(String... namespaces) {
    if (namespaces.length == 0) {
      throw new IllegalArgumentException("Name at least one namespace: enforcesPodSecurity(" + level + ").in(\"shop\")");
    }
    Set<String> unique = new LinkedHashSet<>(List.of(namespaces));
    List<NamespacePlan> plans = unique.stream()
        .map(ns -> new NamespacePlan(ns, Set.of(NamespaceRole.CHECKED), controls(ns)))
        .toList();
    ProfileOutcome outcome = cluster.check().run("enforcesPodSecurity(" + level + ")",
        "Pod Security Standards " + level.label() + " in " + String.join(", ", unique),
        plans, Expectation.DENIED, false, true);
    return cluster.verify(outcome);
  }

  /**
   * The level's controls in the version of the standard that applies in {@code namespace}: its
   * {@code enforce-version} label, else (unset or {@code latest}) the API server's own version.
   */
  private List<Requirement> controls(String namespace) {
    String version = cluster.cluster().serverVersion();
    try {
      Namespace ns = cluster.cluster().client().namespaces().withName(namespace).get();
      Map<String, String> labels = ns == null || ns.getMetadata().getLabels() == null
          ? Map.of() : ns.getMetadata().getLabels();
      String pinned = labels.getOrDefault(ENFORCE_VERSION, "latest");
      if (!pinned.equals("latest")) {
        version = pinned;
      }
    } catch (KubernetesClientException unreadable) {
      // the check itself reports a namespace it cannot use; judge by the server's version
    }
    return PodSecurityControls.forLevel(level, version).stream().map(PodSecurityControl::asRequirement).toList();
  }
}
