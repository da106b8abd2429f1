package io.github.policyprobe.junit;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Engine;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a cluster with the team's admission policies applied and proven
 * in force. Inject it as a {@link io.github.policyprobe.cluster.Cluster} parameter.
 *
 * <p>The class runs once per Kubernetes version ({@link #kubernetesVersions()}; one by default),
 * as a JUnit class template whose invocations are named by their version.
 *
 * <p>Test classes with the same settings share one cluster per JVM run; it is stopped when the run
 * ends. Set {@code -Dpolicyprobe.kubeconfig=<path>} (or {@code POLICYPROBE_KUBECONFIG}) to point
 * every suite at an existing cluster instead: nothing boots and every probe is a dry-run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ClassTemplate
@ExtendWith(PolicyClusterExtension.class)
public @interface PolicyCluster {

  /** YAML files or folders, relative to the project folder or on the class path, applied in order. */
  String[] manifests() default {};

  /** An AdmissionConfiguration file (PodSecurity defaults and exemptions, or any plugin's config). */
  String admissionConfig() default "";

  /** Where the cluster comes from; AUTO is k3s when Docker answers, else the local control plane. */
  Backend backend() default Backend.AUTO;

  /**
   * The Kubernetes version to run on: a minor such as {@code "1.36"} (its newest patch policyprobe
   * knows) or a release such as {@code "v1.36.1"}; empty for {@code -Dpolicyprobe.kubernetesVersion}
   * or, without it, the pinned default.
   */
  String kubernetesVersion() default "";

  /**
   * Runs the class once per version, in this order, such as {@code {"1.34", "1.36", "1.37"}}: each
   * run has its own cluster, records and baseline, and the report lists what changes from one
   * version to the next (the upgrade rehearsal). Empty for {@code -Dpolicyprobe.kubernetesVersions}
   * or, without it, one version ({@link #kubernetesVersion()}).
   */
  String[] kubernetesVersions() default {};

  /** k3s image for the K3S backend; empty for the pinned one. */
  String k3sImage() default "";

  /** Extra kube-apiserver flags, such as {@code --feature-gates=MutatingAdmissionPolicy=true}. */
  String[] apiServerArgs() default {};

  /** Webhook engines started with the cluster, before the manifests are applied. */
  Engine[] engines() default {};

  /**
   * The Helm values file the team installs Kyverno with (chart kyverno); policyprobe runs Kyverno
   * with the values in it that change admission: policy exceptions on or off and their namespace,
   * the failure policy forced to Ignore, excluded groups, users and roles, resource filters and
   * webhook namespace selectors. Needs {@code engines} to include KYVERNO.
   */
  String kyvernoValues() default "";

  /**
   * The Helm values file the team installs Gatekeeper with (chart gatekeeper); policyprobe runs
   * Gatekeeper with its exempt namespaces (exemptNamespaces, exemptNamespacePrefixes,
   * exemptNamespaceSuffixes). Needs {@code engines} to include GATEKEEPER.
   */
  String gatekeeperValues() default "";

  /** Whether manifests are applied to an existing cluster given by policyprobe.kubeconfig. */
  boolean applyToExisting() default false;

  /** Seconds each wait may take (boot, CRDs established, policies in force); 0 for the default. */
  int readyTimeoutSeconds() default 0;
}
