package io.github.policyprobe.internal.enforcement;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.probe.Identity;
import io.github.policyprobe.profile.ProductRbac;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorization is not admission: a probe sent as a product's service account or a tenant must be
 * allowed to make its request, or the API server refuses it before any policy sees it. On the
 * clusters policyprobe runs (the local control plane, k3s) it grants each such sender, in each
 * namespace it probes, a role with exactly what probes do: create Pods and pod controllers,
 * update Pods and their ephemeral containers, exec and attach, relabel that namespace. Each grant
 * is a RoleBinding labelled {@code app.kubernetes.io/managed-by: policyprobe}. Kube-controller-
 * manager's own controllers need none: the API server's bootstrap RBAC already lets them create
 * Pods. On an existing cluster nothing is granted: a refusal there is an ERROR that says so.
 */
public final class SenderGrants {
  /** The ClusterRole every grant binds. */
  public static final String ROLE = "policyprobe-probe-sender";
  private static final Logger LOG = LoggerFactory.getLogger(SenderGrants.class);
  private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/managed-by", "policyprobe");
  private static final SenderGrants NONE = new SenderGrants(null);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesClient client;

  private SenderGrants(KubernetesClient client) {
    this.client = client;
  }

  /** The grants for {@code cluster}: none on an existing cluster, whose RBAC is the team's. */
  public static SenderGrants of(Cluster cluster) {
    return cluster.isExisting() ? NONE : new SenderGrants(cluster.client());
  }

  /** No grants: every sender has what it has. */
  public static SenderGrants none() {
    return NONE;
  }

  /** Grants every impersonated sender of {@code probes} what it needs in the namespace it is sent to. */
  public void ensure(List<Probe> probes) {
    if (client == null) {
      return;
    }
    Map<String, Probe> needed = new LinkedHashMap<>();
    for (Probe probe : probes) {
      Identity sender = probe.sender();
      if (sender.impersonated() && !sender.isBuiltInController()) {
        needed.putIfAbsent(probe.namespace() + "\n" + sender.username(), probe);
      }
    }
    if (needed.isEmpty()) {
      return;
    }
    try {
      client.resource(role()).serverSideApply();
      needed.values().forEach(probe -> client.resource(binding(probe.namespace(), probe.sender())).serverSideApply());
    } catch (KubernetesClientException e) {
      // the probes still go out: each refused one is an ERROR that names the refusal
      LOG.warn("could not grant the probes' senders what they need ({}); their requests may be refused", e.getMessage());
    }
  }

  /**
   * Applies a product's own RBAC for an install in {@code installNamespace}, so that an engine
   * matching on roles sees the product's service account with the roles its chart gives it.
   */
  public void applyProductRbac(ProductRbac rbac, String installNamespace) {
    if (client == null || rbac.isEmpty()) {
      return;
    }
    try {
      for (Map<String, Object> object : rbac.installedIn(installNamespace)) {
        GenericKubernetesResource resource = SERIALIZATION.convertValue(object, GenericKubernetesResource.class);
        Map<String, String> labels = new LinkedHashMap<>(
            resource.getMetadata().getLabels() == null ? Map.of() : resource.getMetadata().getLabels());
        labels.putAll(LABELS);
        resource.getMetadata().setLabels(labels);
        client.resource(resource).serverSideApply();
      }
    } catch (KubernetesClientException e) {
      LOG.warn("could not apply the product's RBAC ({}); engines matching on its roles may decide otherwise",
          e.getMessage());
    }
  }

  private static ClusterRole role() {
    return new ClusterRoleBuilder().withNewMetadata().withName(ROLE).withLabels(LABELS).endMetadata()
        .addNewRule().withApiGroups("").withResources("pods").withVerbs("get", "create", "update", "patch").endRule()
        .addNewRule().withApiGroups("").withResources("pods/ephemeralcontainers").withVerbs("update", "patch").endRule()
        .addNewRule().withApiGroups("").withResources("pods/exec", "pods/attach").withVerbs("get", "create").endRule()
        .addNewRule().withApiGroups("apps")
            .withResources("deployments", "daemonsets", "statefulsets", "replicasets").withVerbs("create").endRule()
        .addNewRule().withApiGroups("batch").withResources("jobs", "cronjobs").withVerbs("create").endRule()
        // a RoleBinding grants on the Namespace object of its own namespace, and on no other
        .addNewRule().withApiGroups("").withResources("namespaces").withVerbs("get", "update", "patch").endRule()
        .build();
  }

  private static RoleBinding binding(String namespace, Identity sender) {
    Subject subject = sender.isServiceAccount()
        ? new Subject(null, "ServiceAccount", sender.serviceAccountName(), sender.serviceAccountNamespace())
        : new Subject("rbac.authorization.k8s.io", "User", sender.username(), null);
    String id = UUID.nameUUIDFromBytes(sender.username().getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
    ObjectMeta meta = new ObjectMeta();
    meta.setName("policyprobe-sender-" + id);
    meta.setNamespace(namespace);
    meta.setLabels(LABELS);
    meta.setAnnotations(Map.of("policyprobe.io/sender", sender.username()));
    return new RoleBindingBuilder().withMetadata(meta)
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", ROLE)
        .withSubjects(subject).build();
  }
}
