package io.github.policyprobe.probe;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds the security fields a probe asked for that came back changed or removed after admission,
 * and names the mutator where the returned object carries a hint.
 */
public final class MutationDetector {
  /** The field manager probes are sent with; any other manager in the result is a mutator. */
  public static final String FIELD_MANAGER = "policyprobe";
  static final String REMOVED = "(removed)";
  private static final String KYVERNO_PATCHES = "policies.kyverno.io/last-applied-patches";
  private static final String GATEKEEPER_MUTATIONS = "gatekeeper.sh/mutations";
  private static final String OPENSHIFT_SCC = "openshift.io/scc";

  private static final List<Field<PodSecurityContext>> POD_FIELDS = List.of(
      new Field<>("runAsUser", PodSecurityContext::getRunAsUser),
      new Field<>("runAsGroup", PodSecurityContext::getRunAsGroup),
      new Field<>("fsGroup", PodSecurityContext::getFsGroup),
      new Field<>("supplementalGroups", s -> asSet(s.getSupplementalGroups())),
      new Field<>("runAsNonRoot", PodSecurityContext::getRunAsNonRoot),
      new Field<>("seccompProfile", s -> seccomp(s.getSeccompProfile())));

  private static final List<Field<SecurityContext>> CONTAINER_FIELDS = List.of(
      new Field<>("capabilities.add", s -> asSet(capabilities(s).getAdd())),
      new Field<>("capabilities.drop", s -> asSet(capabilities(s).getDrop())),
      new Field<>("runAsUser", SecurityContext::getRunAsUser),
      new Field<>("runAsGroup", SecurityContext::getRunAsGroup),
      new Field<>("runAsNonRoot", SecurityContext::getRunAsNonRoot),
      new Field<>("allowPrivilegeEscalation", SecurityContext::getAllowPrivilegeEscalation),
      new Field<>("privileged", SecurityContext::getPrivileged),
      new Field<>("readOnlyRootFilesystem", SecurityContext::getReadOnlyRootFilesystem),
      new Field<>("seccompProfile", s -> seccomp(s.getSeccompProfile())));

  private MutationDetector() {}

  /** The requested security fields that the returned object changed or removed. */
  public static List<FieldChange> changes(HasMetadata requested, HasMetadata returned) {
    Optional<PodSpec> before = podSpec(requested);
    Optional<PodSpec> after = podSpec(returned);
    if (before.isEmpty() || after.isEmpty()) {
      return List.of();
    }
    String prefix = specPath(requested);
    List<FieldChange> changes = new ArrayList<>();
    compare(prefix + ".securityContext.", POD_FIELDS,
        before.get().getSecurityContext(), after.get().getSecurityContext(), changes);
    compareContainers(prefix + ".initContainers", before.get().getInitContainers(),
        after.get().getInitContainers(), changes);
    compareContainers(prefix + ".containers", before.get().getContainers(),
        after.get().getContainers(), changes);
    return changes;
  }

  /**
   * Who mutated the object, where it says so: Kyverno's last-applied-patches annotation,
   * Gatekeeper's mutations annotation, OpenShift's SCC annotation, or a field manager other than
   * the probe's own.
   */
  public static Optional<Attribution> mutator(HasMetadata returned) {
    for (ObjectMeta meta : metadata(returned)) {
      Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
      String kyverno = annotations.get(KYVERNO_PATCHES);
      if (kyverno != null) {
        return Optional.of(kyvernoPatch(kyverno));
      }
      if (annotations.containsKey(GATEKEEPER_MUTATIONS)) {
        return Optional.of(new Attribution(Engine.GATEKEEPER, annotations.get(GATEKEEPER_MUTATIONS),
            "", GATEKEEPER_MUTATIONS + " annotation"));
      }
      if (annotations.containsKey(OPENSHIFT_SCC)) {
        return Optional.of(new Attribution(
            Engine.OPENSHIFT_SCC, annotations.get(OPENSHIFT_SCC), "", OPENSHIFT_SCC + " annotation"));
      }
    }
    List<ManagedFieldsEntry> managed = returned.getMetadata() == null
        ? List.of() : returned.getMetadata().getManagedFields();
    return managed == null ? Optional.empty() : managed.stream()
        .map(ManagedFieldsEntry::getManager)
        .filter(manager -> manager != null && !manager.equals(FIELD_MANAGER))
        .findFirst()
        .map(manager -> new Attribution(Engine.UNKNOWN, manager, "", "field manager " + manager));
  }

  /** Kyverno writes "rule.policy.kyverno.io: replaced /spec/..." lines. */
  private static Attribution kyvernoPatch(String value) {
    String first = value.strip().lines().findFirst().orElse("");
    int colon = first.indexOf(':');
    String key = colon < 0 ? first : first.substring(0, colon);
    key = key.endsWith(".kyverno.io") ? key.substring(0, key.length() - ".kyverno.io".length()) : key;
    int dot = key.indexOf('.');
    String rule = dot < 0 ? "" : key.substring(0, dot);
    String policy = dot < 0 ? key : key.substring(dot + 1);
    return new Attribution(Engine.KYVERNO, policy, rule, value.strip());
  }

  private static void compareContainers(
      String path, List<Container> before, List<Container> after, List<FieldChange> changes) {
    for (Container requested : before == null ? List.<Container>of() : before) {
      Container returned = (after == null ? List.<Container>of() : after).stream()
          .filter(c -> Objects.equals(c.getName(), requested.getName()))
          .findFirst().orElse(null);
      compare(path + "[" + requested.getName() + "].securityContext.", CONTAINER_FIELDS,
          requested.getSecurityContext(), returned == null ? null : returned.getSecurityContext(),
          changes);
    }
  }

  private static <S> void compare(
      String path, List<Field<S>> fields, S requested, S returned, List<FieldChange> changes) {
    if (requested == null) {
      return;
    }
    for (Field<S> field : fields) {
      Object asked = field.read.apply(requested);
      if (asked == null || (asked instanceof Collection<?> c && c.isEmpty())) {
        continue; // only fields the probe asked for count
      }
      Object got = returned == null ? null : field.read.apply(returned);
      if (!Objects.equals(asked, got)) {
        changes.add(new FieldChange(path + field.name, render(asked),
            got == null || (got instanceof Collection<?> c && c.isEmpty()) ? REMOVED : render(got)));
      }
    }
  }

  private static String render(Object value) {
    return value instanceof Collection<?> c ? c.toString() : String.valueOf(value);
  }

  private static Object asSet(List<?> values) {
    return values == null || values.isEmpty() ? null
        : new TreeSet<>(values.stream().map(String::valueOf).toList());
  }

  private static Capabilities capabilities(SecurityContext security) {
    return security.getCapabilities() == null ? new Capabilities() : security.getCapabilities();
  }

  private static String seccomp(SeccompProfile profile) {
    if (profile == null || profile.getType() == null) {
      return null;
    }
    return profile.getLocalhostProfile() == null
        ? profile.getType() : profile.getType() + ":" + profile.getLocalhostProfile();
  }

  private static Optional<PodSpec> podSpec(HasMetadata object) {
    if (object instanceof Pod pod) {
      return Optional.ofNullable(pod.getSpec());
    }
    if (object instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null) {
      return Optional.ofNullable(d.getSpec().getTemplate().getSpec());
    }
    if (object instanceof StatefulSet s && s.getSpec() != null && s.getSpec().getTemplate() != null) {
      return Optional.ofNullable(s.getSpec().getTemplate().getSpec());
    }
    if (object instanceof DaemonSet s && s.getSpec() != null && s.getSpec().getTemplate() != null) {
      return Optional.ofNullable(s.getSpec().getTemplate().getSpec());
    }
    if (object instanceof Job j && j.getSpec() != null && j.getSpec().getTemplate() != null) {
      return Optional.ofNullable(j.getSpec().getTemplate().getSpec());
    }
    return Optional.empty();
  }

  private static String specPath(HasMetadata object) {
    return object instanceof Pod ? "spec" : "spec.template.spec";
  }

  private static List<ObjectMeta> metadata(HasMetadata object) {
    ObjectMeta own = object.getMetadata();
    ObjectMeta template = object instanceof Deployment d && d.getSpec() != null
        && d.getSpec().getTemplate() != null ? d.getSpec().getTemplate().getMetadata() : null;
    return Stream.of(own, template).filter(Objects::nonNull).toList();
  }

  private record Field<S>(String name, Function<S, Object> read) {}
}
