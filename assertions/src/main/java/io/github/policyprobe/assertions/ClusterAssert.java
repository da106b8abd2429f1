package io.github.policyprobe.assertions;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.enforcement.LiveEnforcement;
import io.github.policyprobe.internal.enforcement.SenderGrants;
import io.github.policyprobe.internal.evaluation.Expectation;
import io.github.policyprobe.internal.evaluation.ProfileCheck;
import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.internal.report.Report;
import io.github.policyprobe.podsecurity.PodSecurityLevel;
import io.github.policyprobe.probe.Identity;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.Operation;
import io.github.policyprobe.profile.K10Profile;
import io.github.policyprobe.profile.RequirementProfile;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a cluster's admission policies. Each check sends dry-run probes (nothing is
 * persisted), evaluates every requirement in every namespace, records the outcome in the report
 * (target/policyprobe/report.html and report.md), and fails with one line per requirement when
 * any is not met.
 *
 * <pre>
 * assertThat(cluster).permitsK10In("kasten-io");
 * assertThat(cluster)
 *     .usingTemplate(NeutralTemplate.restricted().withLabel("team", "platform"))
 *     .permitsK10(K10Profile.installedIn("kasten-io").protecting("shop", "billing")
 *         .withStorageSecurityContext(1005, 1006, 2000).withNfsSupplementalGroup(3000));
 * assertThat(cluster).enforcesPodSecurity(RESTRICTED).in("shop", "billing");
 * assertThat(cluster).permits(Profiles.velero().withNodeAgent().installedIn("velero"));
 * assertThat(cluster).permits(RequirementProfile.fromYaml(Path.of("acme-agent.yaml")).installedIn("acme"));
 * assertThat(cluster).denies(privilegedPod).in("shop").by(Engine.POD_SECURITY).withMessageContaining("privileged");
 * </pre>
 */
public class ClusterAssert extends AbstractAssert<ClusterAssert, Cluster> {
  private NeutralTemplate template = NeutralTemplate.restricted();
  private boolean policedRequired;
  private Identity sender = Identity.ADMIN;

  protected ClusterAssert(Cluster actual) {
    super(actual, ClusterAssert.class);
  }

  /** Starts every probe from {@code value} instead of {@link NeutralTemplate#restricted()}. */
  public ClusterAssert usingTemplate(NeutralTemplate value) {
    this.template = Objects.requireNonNull(value, "template");
    return myself;
  }

  /**
   * Sends the objects and operations of {@link #admits(HasMetadata)}, {@link #denies(HasMetadata)}
   * and their operation forms as {@code identity} (by impersonation), as a tenant or a product
   * would send them: {@code assertThat(cluster).as(Identity.serviceAccount("team-a", "deployer")).denies(pod).in("team-a")}.
   * A controller's Pod is still sent as the controller that creates it. On the local control plane
   * and k3s policyprobe grants the identity what its requests need; on an existing cluster a
   * refusal by RBAC is an ERROR that says so, never a verdict.
   */
  public ClusterAssert as(Identity identity) {
    this.sender = Objects.requireNonNull(identity, "identity");
    return myself;
  }

  /**
   * Fails an admission check in a namespace that admits even a pod breaking the baseline level
   * every way (as a Pod and as a Deployment). Without this such a namespace is reported, with the
   * reason where the cluster's configuration tells it, but does not fail: a team may leave the
   * namespace open on purpose. To assert that hardening bites, use
   * {@link #enforcesPodSecurity(PodSecurityLevel)} or {@link #denies(HasMetadata)}.
   */
  public ClusterAssert requiringPolicedNamespaces() {
    this.policedRequired = true;
    return myself;
  }

  /** Kasten K10 with its defaults, installed in {@code installNamespace}, protecting nothing else. */
  public ClusterAssert permitsK10In(String installNamespace) {
    return permitsK10(K10Profile.installedIn(installNamespace));
  }

  /** Every requirement of Kasten K10 with these options, in each of its namespaces, is admitted. */
  public ClusterAssert permitsK10(K10Profile profile) {
    Objects.requireNonNull(profile, "profile");
    return admitted("permitsK10", profile.toProfile());
  }

  /** Every requirement of a user-defined profile, in each of its namespaces, is admitted. */
  public ClusterAssert permits(RequirementProfile profile) {
    Objects.requireNonNull(profile, "profile");
    return admitted("permits", profile);
  }

  /**
   * Every Pod Security Standards control of {@code level} is enforced: name the namespaces with
   * {@link PodSecurityAssert#in(String...)}.
   */
  public PodSecurityAssert enforcesPodSecurity(PodSecurityLevel level) {
    isNotNull();
    return new PodSecurityAssert(this, Objects.requireNonNull(level, "level"));
  }

  /** {@code object} is admitted (as sent: not denied, not mutated); name the namespace with {@code in}. */
  public ObjectCheck<AdmittedAssert> admits(HasMetadata object) {
    isNotNull();
    Objects.requireNonNull(object, "object");
    return namespace -> new AdmittedAssert(this,
        checkObject("admits", object, namespace, Expectation.ADMITTED, true));
  }

  /** {@code object} is denied by a policy; name the namespace with {@code in}. */
  public ObjectCheck<DeniedAssert> denies(HasMetadata object) {
    isNotNull();
    Objects.requireNonNull(object, "object");
    return namespace -> new DeniedAssert(this,
        checkObject("denies", object, namespace, Expectation.DENIED, false));
  }

  /**
   * {@code operation} (exec, attach, kubectl debug, an update, a namespace relabelling) is
   * admitted, acting on a Pod of the neutral template; name the namespace with {@code in}.
   */
  public ObjectCheck<AdmittedAssert> admits(Operation operation) {
    return admits(operation, template.pod("target"));
  }

  /** {@code operation} on {@code pod} is admitted; name the namespace with {@code in}. */
  public ObjectCheck<AdmittedAssert> admits(Operation operation, Pod pod) {
    isNotNull();
    Objects.requireNonNull(operation, "operation");
    return namespace -> new AdmittedAssert(this,
        checkOperation("admits", operation, pod, namespace, Expectation.ADMITTED));
  }

  /** {@code operation} on a Pod of the neutral template is denied by a policy; name the namespace with {@code in}. */
  public ObjectCheck<DeniedAssert> denies(Operation operation) {
    return denies(operation, template.pod("target"));
  }

  /** {@code operation} on {@code pod} is denied by a policy; name the namespace with {@code in}. */
  public ObjectCheck<DeniedAssert> denies(Operation operation, Pod pod) {
    isNotNull();
    Objects.requireNonNull(operation, "operation");
    return namespace -> new DeniedAssert(this,
        checkOperation("denies", operation, pod, namespace, Expectation.DENIED));
  }

  /** The second half of {@code admits(object).in(namespace)}. */
  @FunctionalInterface
  public interface ObjectCheck<A> {
    A in(String namespace);
  }

  private ClusterAssert admitted(String assertion, RequirementProfile profile) {
    isNotNull();
    ProfileOutcome outcome = check().run(
        assertion, profile, Expectation.ADMITTED, true, policedRequired);
    return verify(outcome);
  }

  ProfileOutcome checkObject(String assertion, HasMetadata object, String namespace,
      Expectation expectation, boolean policing) {
    Objects.requireNonNull(namespace, "namespace");
    ProfileOutcome outcome = check().runObject(assertion, object, namespace, sender, new Operation.Create(),
        expectation, policing, policedRequired);
    verify(outcome);
    return outcome;
  }

  private ProfileOutcome checkOperation(String assertion, Operation operation, Pod pod, String namespace,
      Expectation expectation) {
    Objects.requireNonNull(namespace, "namespace");
    ProfileOutcome outcome = check().runObject(assertion, pod, namespace, sender, operation, expectation,
        false, policedRequired);
    verify(outcome);
    return outcome;
  }

  ClusterAssert verify(ProfileOutcome outcome) {
    String report = Report.record(outcome, actual.description());
    if (!outcome.passed()) {
      failWithMessage("%s", FailureMessage.of(outcome, report));
    }
    return myself;
  }

  /** The cluster under assertion, for the assertions this one hands on to. */
  Cluster cluster() {
    return actual;
  }

  ProfileCheck check() {
    return new ProfileCheck(ProbeRunners.of(actual), template, LiveEnforcement.of(actual), SenderGrants.of(actual));
  }
}
