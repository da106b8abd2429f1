package io.github.policyprobe.probe;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.github.policyprobe.internal.objects.PodTemplates;
import io.github.policyprobe.internal.objects.ProbeNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Pod every probe starts from: it meets the Pod Security Standards' restricted level
 * (runAsNonRoot, all capabilities dropped, seccomp RuntimeDefault, no privilege escalation,
 * read-only root file system) and sets resource requests and limits, so that a probe is denied
 * only for what its requirement adds. Clusters whose policies demand more (labels, an image
 * registry, a service account) adjust it with the {@code with*} methods.
 */
public final class NeutralTemplate {
  public static final String CONTAINER = "probe";
  public static final String DEFAULT_IMAGE = "registry.k8s.io/pause:3.10";
  /** Label on every probe, naming the requirement it checks. */
  public static final String PROBE_LABEL = "policyprobe.io/probe";

  private final String image;
  private final Map<String, String> labels;
  private final Map<String, String> annotations;
  private final ResourceRequirements resources;
  private final String serviceAccount;
  private final PodChange customization;

  private NeutralTemplate(String image, Map<String, String> labels, Map<String, String> annotations,
      ResourceRequirements resources, String serviceAccount, PodChange customization) {
    this.image = image;
    this.labels = Map.copyOf(labels);
    this.annotations = Map.copyOf(annotations);
    this.resources = resources;
    this.serviceAccount = serviceAccount;
    this.customization = customization;
  }

  /** The default template: the pause image, small requests and limits, no service account token. */
  public static NeutralTemplate restricted() {
    return new NeutralTemplate(DEFAULT_IMAGE, Map.of("app.kubernetes.io/name", "policyprobe"),
        Map.of(), resources("10m", "16Mi", "100m", "64Mi"), "", PodChange.none());
  }

  public NeutralTemplate withImage(String value) {
    requireText(value, "image");
    return new NeutralTemplate(value, labels, annotations, resources, serviceAccount, customization);
  }

  public NeutralTemplate withLabel(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(labels);
    copy.put(requireText(key, "label key"), Objects.requireNonNull(value, "label value"));
    return new NeutralTemplate(image, copy, annotations, resources, serviceAccount, customization);
  }

  public NeutralTemplate withLabels(Map<String, String> more) {
    NeutralTemplate result = this;
    for (Map.Entry<String, String> e : more.entrySet()) {
      result = result.withLabel(e.getKey(), e.getValue());
    }
    return result;
  }

  public NeutralTemplate withAnnotation(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(annotations);
    copy.put(requireText(key, "annotation key"), Objects.requireNonNull(value, "annotation value"));
    return new NeutralTemplate(image, labels, copy, resources, serviceAccount, customization);
  }

  public NeutralTemplate withAnnotations(Map<String, String> more) {
    NeutralTemplate result = this;
    for (Map.Entry<String, String> e : more.entrySet()) {
      result = result.withAnnotation(e.getKey(), e.getValue());
    }
    return result;
  }

  /** Requests and limits of the probe container, such as {@code ("10m", "16Mi", "100m", "64Mi")}. */
  public NeutralTemplate withResources(
      String requestCpu, String requestMemory, String limitCpu, String limitMemory) {
    return new NeutralTemplate(image, labels, annotations,
        resources(requestCpu, requestMemory, limitCpu, limitMemory), serviceAccount, customization);
  }

  /** Runs probes under this service account (it must exist in every probed namespace). */
  public NeutralTemplate withServiceAccount(String name) {
    return new NeutralTemplate(image, labels, annotations, resources,
        requireText(name, "service account"), customization);
  }

  /** Any other adjustment, applied to every probe before its requirement's own change. */
  public NeutralTemplate with(PodChange change) {
    return new NeutralTemplate(image, labels, annotations, resources, serviceAccount,
        customization.andThen(Objects.requireNonNull(change, "change")));
  }

  /** The service account probes run under; empty for the namespace's default. */
  public String serviceAccount() {
    return serviceAccount;
  }

  /** A fresh Pod for one probe; {@code probeId} becomes its label and name prefix. */
  public Pod pod(String probeId) {
    Pod pod = new Pod();
    pod.setApiVersion("v1");
    pod.setKind("Pod");
    pod.setMetadata(metadata(probeId));
    pod.setSpec(spec());
    customization.applyTo(pod);
    return pod;
  }

  /**
   * A Deployment of one replica whose template is {@code pod}: what a chart renders, for policies
   * written for pod controllers.
   */
  public Deployment deployment(Pod pod) {
    return new DeploymentBuilder().withMetadata(controllerMetadata(pod)).withNewSpec().withReplicas(1)
        .withSelector(selector(pod)).withTemplate(template(pod)).endSpec().build();
  }

  /**
   * A DaemonSet whose template is {@code pod}: how node agents (CNI, CSI, backup and monitoring
   * agents) are rendered, for policies written for pod controllers.
   */
  public DaemonSet daemonSet(Pod pod) {
    return new DaemonSetBuilder().withMetadata(controllerMetadata(pod)).withNewSpec()
        .withSelector(selector(pod)).withTemplate(template(pod)).endSpec().build();
  }

  /**
   * {@code pod} sent as {@code kind}: the Pod itself, or a controller of one replica whose
   * template it is. A Job's Pod gets {@code restartPolicy: Never} unless it has one a Job allows.
   */
  public HasMetadata controller(ProbeKind kind, Pod pod) {
    return switch (kind) {
      case POD -> pod;
      case DEPLOYMENT -> deployment(pod);
      case DAEMON_SET -> daemonSet(pod);
      case STATEFUL_SET -> statefulSet(pod);
      case REPLICA_SET -> replicaSet(pod);
      case JOB -> job(pod);
      case CRON_JOB -> cronJob(pod);
    };
  }

  private StatefulSet statefulSet(Pod pod) {
    return new StatefulSetBuilder().withMetadata(controllerMetadata(pod)).withNewSpec().withReplicas(1)
        .withSelector(selector(pod)).withTemplate(template(pod)).endSpec().build();
  }

  private ReplicaSet replicaSet(Pod pod) {
    return new ReplicaSetBuilder().withMetadata(controllerMetadata(pod)).withNewSpec().withReplicas(1)
        .withSelector(selector(pod)).withTemplate(template(pod)).endSpec().build();
  }

  private Job job(Pod pod) {
    return new JobBuilder().withMetadata(controllerMetadata(pod)).withSpec(jobSpec(pod)).build();
  }

  private CronJob cronJob(Pod pod) {
    return new CronJobBuilder().withMetadata(controllerMetadata(pod)).withNewSpec().withSchedule("0 0 1 1 *")
        .withNewJobTemplate().withSpec(jobSpec(pod)).endJobTemplate().endSpec().build();
  }

  private static JobSpec jobSpec(Pod pod) {
    String restart = pod.getSpec().getRestartPolicy();
    if (!"Never".equals(restart) && !"OnFailure".equals(restart)) {
      pod.getSpec().setRestartPolicy("Never"); // a Job refuses Always
    }
    return new JobSpecBuilder().withBackoffLimit(0).withTemplate(template(pod)).build();
  }

  /**
   * The Pod a pod controller's template would create (a CronJob's through its Job template):
   * PodSecurity enforces on Pods only.
   */
  public static Pod podOf(HasMetadata controller) {
    return podOf(controller.getMetadata(), PodTemplates.of(controller).orElseThrow(
        () -> new IllegalArgumentException("Not a pod controller with a template: " + controller.getKind())));
  }

  private static Pod podOf(ObjectMeta controller, PodTemplateSpec template) {
    Pod pod = new Pod();
    pod.setApiVersion("v1");
    pod.setKind("Pod");
    ObjectMeta meta = new ObjectMeta();
    String prefix = controller.getGenerateName();
    meta.setGenerateName(prefix != null ? prefix : controller.getName() + "-");
    if (template.getMetadata() != null) {
      meta.setLabels(copyOrEmpty(template.getMetadata().getLabels()));
      meta.setAnnotations(copyOrEmpty(template.getMetadata().getAnnotations()));
    }
    pod.setMetadata(meta);
    pod.setSpec(template.getSpec());
    return pod;
  }

  private static ObjectMeta controllerMetadata(Pod pod) {
    ObjectMeta podMeta = pod.getMetadata();
    ObjectMeta meta = new ObjectMeta();
    meta.setGenerateName(podMeta.getGenerateName());
    meta.setLabels(new LinkedHashMap<>(podMeta.getLabels()));
    meta.setAnnotations(new LinkedHashMap<>(podMeta.getAnnotations()));
    return meta;
  }

  private static LabelSelector selector(Pod pod) {
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(Map.of(PROBE_LABEL, pod.getMetadata().getLabels().get(PROBE_LABEL)));
    return selector;
  }

  private static PodTemplateSpec template(Pod pod) {
    PodTemplateSpec template = new PodTemplateSpec();
    ObjectMeta templateMeta = new ObjectMeta();
    templateMeta.setLabels(new LinkedHashMap<>(pod.getMetadata().getLabels()));
    templateMeta.setAnnotations(new LinkedHashMap<>(pod.getMetadata().getAnnotations()));
    template.setMetadata(templateMeta);
    template.setSpec(pod.getSpec());
    return template;
  }

  private ObjectMeta metadata(String probeId) {
    String id = ProbeNames.labelValue(probeId);
    ObjectMeta meta = new ObjectMeta();
    meta.setGenerateName(ProbeNames.generateName(probeId));
    Map<String, String> allLabels = new LinkedHashMap<>(labels);
    allLabels.put(PROBE_LABEL, id);
    meta.setLabels(allLabels);
    meta.setAnnotations(new LinkedHashMap<>(annotations));
    return meta;
  }

  private PodSpec spec() {
    PodSpec spec = new PodSpec();
    spec.setAutomountServiceAccountToken(false);
    if (!serviceAccount.isEmpty()) {
      spec.setServiceAccountName(serviceAccount);
    }
    PodSecurityContext podSecurity = new PodSecurityContext();
    podSecurity.setRunAsNonRoot(true);
    podSecurity.setSeccompProfile(runtimeDefault());
    spec.setSecurityContext(podSecurity);
    Container container = new Container();
    container.setName(CONTAINER);
    container.setImage(image);
    container.setResources(copy(resources));
    SecurityContext security = new SecurityContext();
    security.setAllowPrivilegeEscalation(false);
    security.setReadOnlyRootFilesystem(true);
    Capabilities capabilities = new Capabilities();
    capabilities.setDrop(new ArrayList<>(List.of("ALL")));
    security.setCapabilities(capabilities);
    container.setSecurityContext(security);
    spec.setContainers(new ArrayList<>(List.of(container)));
    return spec;
  }

  static SeccompProfile runtimeDefault() {
    SeccompProfile profile = new SeccompProfile();
    profile.setType("RuntimeDefault");
    return profile;
  }

  private static ResourceRequirements resources(
      String requestCpu, String requestMemory, String limitCpu, String limitMemory) {
    ResourceRequirements requirements = new ResourceRequirements();
    requirements.setRequests(Map.of("cpu", new Quantity(requireText(requestCpu, "cpu request")),
        "memory", new Quantity(requireText(requestMemory, "memory request"))));
    requirements.setLimits(Map.of("cpu", new Quantity(requireText(limitCpu, "cpu limit")),
        "memory", new Quantity(requireText(limitMemory, "memory limit"))));
    return requirements;
  }

  private static ResourceRequirements copy(ResourceRequirements source) {
    ResourceRequirements copy = new ResourceRequirements();
    copy.setRequests(new LinkedHashMap<>(source.getRequests()));
    copy.setLimits(new LinkedHashMap<>(source.getLimits()));
    return copy;
  }

  private static Map<String, String> copyOrEmpty(Map<String, String> map) {
    return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("The neutral template's " + what + " must not be empty");
    }
    return value;
  }

  @Override
  public String toString() {
    return "NeutralTemplate[image=" + image + ", labels=" + labels + ", annotations=" + annotations
        + (serviceAccount.isEmpty() ? "" : ", serviceAccount=" + serviceAccount) + "]";
  }
}
