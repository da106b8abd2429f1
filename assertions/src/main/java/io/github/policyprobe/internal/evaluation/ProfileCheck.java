package io.github.policyprobe.internal.evaluation;

import static io.github.policyprobe.probe.PodChanges.addCapabilities;
import static io.github.policyprobe.probe.PodChanges.allowPrivilegeEscalation;
import static io.github.policyprobe.probe.PodChanges.hostNetwork;
import static io.github.policyprobe.probe.PodChanges.hostPID;
import static io.github.policyprobe.probe.PodChanges.hostPath;
import static io.github.policyprobe.probe.PodChanges.keepAllCapabilities;
import static io.github.policyprobe.probe.PodChanges.runAsNonRoot;
import static io.github.policyprobe.probe.PodChanges.runAsUser;
import static io.github.policyprobe.probe.PodChanges.seccomp;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.policyprobe.internal.enforcement.Enforcement;
import io.github.policyprobe.internal.enforcement.EnforcementReport;
import io.github.policyprobe.internal.enforcement.SenderGrants;
import io.github.policyprobe.internal.objects.PodTemplates;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.ProbeRendering;
import io.github.policyprobe.internal.probe.ProbeRunner;
import io.github.policyprobe.internal.probe.Verdict;
import io.github.policyprobe.probe.Identity;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.Operation;
import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.probe.ProbeKind;
import io.github.policyprobe.probe.ProbeVariant;
import io.github.policyprobe.profile.NamespacePlan;
import io.github.policyprobe.profile.NamespaceRole;
import io.github.policyprobe.profile.Requirement;
import io.github.policyprobe.profile.RequirementProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Checks a profile against a cluster: renders every probe of every namespace (the neutral
 * template, the policing check, each requirement's variants), sends them all at once, and reads
 * the verdicts back per requirement. Every requirement in every namespace is evaluated.
 */
public final class ProfileCheck {
  public static final String NEUTRAL_ID = "neutral-template";
  public static final String POLICING_ID = "policing-check";
  public static final String POLICING_PROBE =
      "hostNetwork, hostPID, hostPath /, runAsUser 0, privilege escalation, all capabilities plus"
          + " SYS_ADMIN, seccomp Unconfined";

  /**
   * A pod that breaks the baseline level every way except {@code privileged} (which the API
   * server itself refuses unless started with --allow-privileged): if this is admitted, nothing
   * polices the namespace.
   */
  static final PodChange BREAKS_BASELINE = hostNetwork().andThen(hostPID()).andThen(hostPath("/"))
      .andThen(runAsUser(0)).andThen(runAsNonRoot(false)).andThen(allowPrivilegeEscalation(true))
      .andThen(keepAllCapabilities()).andThen(addCapabilities("SYS_ADMIN")).andThen(seccomp("Unconfined"));

  private final ProbeRunner runner;
  private final NeutralTemplate template;
  private final Enforcement enforcement;
  private final SenderGrants grants;

  public ProfileCheck(ProbeRunner runner, NeutralTemplate template) {
    this(runner, template, Enforcement.NONE);
  }

  public ProfileCheck(ProbeRunner runner, NeutralTemplate template, Enforcement enforcement) {
    this(runner, template, enforcement, SenderGrants.none());
  }

  /**
   * @param enforcement what the cluster says beyond the verdicts: checks that failed open while
   *     the probes ran, and why a namespace is not policed
   * @param grants what the probes' senders are granted before they are sent
   */
  public ProfileCheck(ProbeRunner runner, NeutralTemplate template, Enforcement enforcement, SenderGrants grants) {
    this.runner = runner;
    this.template = template;
    this.enforcement = enforcement;
    this.grants = grants;
  }

  /**
   * Checks every requirement of {@code profile} in each of its namespaces.
   *
   * @param assertion the assertion's name, for messages and the report
   * @param policingCheck whether to also send a pod that breaks the baseline level, to tell a
   *     namespace nothing polices from one that admits the requirements on their merits
   * @param policedRequired whether a namespace that admits that pod fails the assertion
   */
  public ProfileOutcome run(String assertion, RequirementProfile profile, Expectation expectation,
      boolean policingCheck, boolean policedRequired) {
    grants.applyProductRbac(profile.rbac(), profile.installNamespace());
    return run(assertion, profile.describe(), profile.plan(), expectation, policingCheck, policedRequired);
  }

  /** Checks each plan's requirements in its namespace; {@code subject} names what is checked. */
  public ProfileOutcome run(String assertion, String subject, List<NamespacePlan> plans,
      Expectation expectation, boolean policingCheck, boolean policedRequired) {
    Batch batch = new Batch();
    List<PlannedNamespace> planned = new ArrayList<>();
    for (NamespacePlan plan : plans) {
      String ns = plan.namespace();
      int neutral = batch.add(new Probe(NEUTRAL_ID, "", "Pod", ns, template.pod(NEUTRAL_ID)));
      int policing = policingCheck ? batch.addAll(policingProbes(ns)).get(0) : -1;
      List<List<List<Integer>>> requirements = new ArrayList<>();
      for (Requirement requirement : plan.requirements()) {
        List<List<Integer>> variants = new ArrayList<>();
        for (ProbeVariant variant : requirement.variants()) {
          Identity sender = Identity.sendersAreAdmin() ? Identity.ADMIN : requirement.sender().resolve("");
          variants.add(batch.addAll(ProbeRendering.render(variant, template, requirement.id(), ns, sender)));
        }
        requirements.add(variants);
      }
      planned.add(new PlannedNamespace(plan, neutral, policing, requirements));
    }
    grants.ensure(batch.probes);
    Enforcement.Watch watch = enforcement.watch();
    List<Verdict> verdicts = explained(batch.probes, runner.runAll(batch.probes));
    EnforcementReport report = watch.stop(plans.stream().map(NamespacePlan::namespace).toList());

    List<NamespaceOutcome> outcomes = new ArrayList<>();
    for (PlannedNamespace p : planned) {
      List<RequirementOutcome> requirements = new ArrayList<>();
      for (int r = 0; r < p.plan.requirements().size(); r++) {
        Requirement requirement = p.plan.requirements().get(r);
        requirements.add(decide(requirement.id(), requirement.why(), expectation,
            p.requirements.get(r), batch.probes, verdicts));
      }
      outcomes.add(new NamespaceOutcome(p.plan, Optional.of(verdicts.get(p.neutral)),
          policing(p.plan.namespace(), p.policing, verdicts), requirements));
    }
    return new ProfileOutcome(assertion, subject, expectation, outcomes, policedRequired, report);
  }

  /**
   * Checks one object of the user's own (a pod controller also as the Pod its template would
   * create) in one namespace, created by the cluster admin.
   */
  public ProfileOutcome runObject(String assertion, HasMetadata object, String namespace,
      Expectation expectation, boolean policingCheck, boolean policedRequired) {
    return runObject(assertion, object, namespace, Identity.ADMIN, new Operation.Create(), expectation,
        policingCheck, policedRequired);
  }

  /**
   * Checks {@code operation} on one object of the user's own in one namespace, sent by
   * {@code sender}; a pod controller's Pod is sent by the controller that would create it.
   */
  public ProfileOutcome runObject(String assertion, HasMetadata object, String namespace, Identity sender,
      Operation operation, Expectation expectation, boolean policingCheck, boolean policedRequired) {
    Batch batch = new Batch();
    String id = operation instanceof Operation.Create ? object.getKind() + "/" + nameOf(object)
        : operation instanceof Operation.LabelNamespace ? "Namespace/" + namespace
        : operation.describe().replaceAll(" \\(.*", "") + " " + object.getKind() + "/" + nameOf(object);
    List<Integer> indexes = new ArrayList<>();
    String subject = operation instanceof Operation.LabelNamespace ? "Namespace" : object.getKind();
    indexes.add(batch.add(new Probe(id, "", subject, namespace, object, sender, operation)));
    Optional<ProbeKind> controller = ProbeKind.ofKind(object.getKind()).filter(kind -> kind != ProbeKind.POD);
    if (operation instanceof Operation.Create && controller.isPresent() && PodTemplates.of(object).isPresent()) {
      indexes.add(batch.add(new Probe(id, "", "Pod of the " + object.getKind() + "'s template", namespace,
          NeutralTemplate.podOf(object), Identity.creatorOfPodsOf(controller.get()), operation)));
    }
    int policing = policingCheck ? batch.addAll(policingProbes(namespace)).get(0) : -1;
    grants.ensure(batch.probes);
    Enforcement.Watch watch = enforcement.watch();
    List<Verdict> verdicts = explained(batch.probes, runner.runAll(batch.probes));
    EnforcementReport report = watch.stop(List.of(namespace));
    RequirementOutcome outcome = decide(id, "the object under test", expectation,
        List.of(indexes), batch.probes, verdicts);
    NamespacePlan plan = new NamespacePlan(namespace, Set.of(NamespaceRole.CHECKED), List.of());
    NamespaceOutcome ns = new NamespaceOutcome(plan, Optional.empty(),
        policing(namespace, policing, verdicts), List.of(outcome));
    return new ProfileOutcome(assertion, id + " in " + namespace, expectation, List.of(ns),
        policedRequired, report);
  }

  /**
   * Each verdict with what the cluster's configuration adds: the MutatingAdmissionPolicy behind a
   * mutation, an exemption, an ignored exception.
   */
  private List<Verdict> explained(List<Probe> probes, List<Verdict> verdicts) {
    List<Verdict> explained = new ArrayList<>(verdicts.size());
    for (int i = 0; i < verdicts.size(); i++) {
      Verdict verdict = verdicts.get(i);
      verdict = enforcement.mutator(probes.get(i), verdict).map(verdict::withAttribution).orElse(verdict);
      explained.add(enforcement.note(probes.get(i), verdict).map(verdict::withNote).orElse(verdict));
    }
    return explained;
  }

  /** The baseline-breaking pod as a Pod, then as a Deployment (only the Deployment itself: its Pod is the first). */
  private List<Probe> policingProbes(String namespace) {
    Probe pod = ProbeRendering.render(ProbeVariant.pod("", BREAKS_BASELINE), template, POLICING_ID, namespace).get(0);
    Probe deployment =
        ProbeRendering.render(ProbeVariant.deployment("", BREAKS_BASELINE), template, POLICING_ID, namespace).get(0);
    return List.of(pod, deployment);
  }

  /** The policing verdicts at {@code index} (Pod) and after it (Deployment), with reasons where the Pod got in. */
  private Optional<Policing> policing(String namespace, int index, List<Verdict> verdicts) {
    if (index < 0) {
      return Optional.empty();
    }
    Policing policing = new Policing(verdicts.get(index), Optional.of(verdicts.get(index + 1)), List.of());
    return Optional.of(policing.podsPoliced() ? policing : policing.withReasons(enforcement.whyUnpoliced(namespace)));
  }

  /**
   * The requirement's deciding probe. Within one variant, a Deployment and the Pod of its
   * template stand or fall together: to be admitted both must be; to be denied one suffices,
   * since either stops the workload. Across variants every one must meet the expectation.
   */
  static RequirementOutcome decide(String id, String why, Expectation expectation,
      List<List<Integer>> variants, List<Probe> probes, List<Verdict> verdicts) {
    ToIntFunction<Integer> distance = i -> expectation.distance(verdicts.get(i));
    List<Integer> deciding = new ArrayList<>();
    for (List<Integer> variant : variants) {
      Comparator<Integer> order = Comparator.comparingInt(distance);
      deciding.add(expectation == Expectation.ADMITTED
          ? variant.stream().max(order.thenComparing(Comparator.reverseOrder())).orElseThrow()
          : variant.stream().min(order).orElseThrow());
    }
    boolean met = deciding.stream().allMatch(i -> expectation.isMet(verdicts.get(i)));
    int worst = deciding.stream()
        .max(Comparator.comparingInt(distance).thenComparing(Comparator.reverseOrder()))
        .orElseThrow();
    Verdict verdict = verdicts.get(worst);
    List<ProbeResult> results = variants.stream().flatMap(List::stream)
        .map(i -> new ProbeResult(probes.get(i), verdicts.get(i))).toList();
    return new RequirementOutcome(id, why, probes.get(worst), verdict, met, expectation.shortfall(verdict), results);
  }

  private static String nameOf(HasMetadata object) {
    if (object.getMetadata() == null) {
      return "(unnamed)";
    }
    if (object.getMetadata().getName() != null) {
      return object.getMetadata().getName();
    }
    return object.getMetadata().getGenerateName() != null
        ? object.getMetadata().getGenerateName() + "*" : "(unnamed)";
  }

  private record PlannedNamespace(
      NamespacePlan plan, int neutral, int policing, List<List<List<Integer>>> requirements) {}

  /** The probes of one run, in send order. */
  private static final class Batch {
    final List<Probe> probes = new ArrayList<>();

    int add(Probe probe) {
      probes.add(probe);
      return probes.size() - 1;
    }

    List<Integer> addAll(List<Probe> more) {
      List<Integer> indexes = new ArrayList<>();
      more.forEach(p -> indexes.add(add(p)));
      return indexes;
    }
  }
}
