package io.github.policyprobe.internal.probe;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.objects.PodTemplates;
import java.util.ArrayList;
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
final class MutationDetector {
  /** The field manager probes are sent with; any other manager in the result is a mutator. */
  public static final String FIELD_MANAGER = "policyprobe";
  static final String REMOVED = "(removed)";
  private static final String KYVERNO_PATCHES = "policies.kyverno.io/last-applied-patches";
  private static final String GATEKEEPER_MUTATIONS = "gatekeeper.sh/mutations";
  private static final String OPENSHIFT_SCC = "openshift.io/scc";

  private MutationDetector() {}

  /**
   * The security settings the probe asked for that the returned object would no longer run with,
   * per container (init containers included) and for the pod. A setting the probe left unset is
   * not compared: a mutator may add labels, resources or a runAsGroup nobody asked about.
   */
  public static List<FieldChange> changes(HasMetadata requested, HasMetadata returned) {
    Optional<PodSpec> before = podSpec(requested);
    Optional<PodSpec> after = podSpec(returned);
    if (before.isEmpty() || after.isEmpty()) {
      return List.of();
    }
    List<FieldChange> changes = new ArrayList<>();
    comparePod(before.get(), after.get(), changes);
    compareContainers("init container ", before.get(), after.get(), PodSpec::getInitContainers, changes);
    compareContainers("container ", before.get(), after.get(), PodSpec::getContainers, changes);
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

  private static void comparePod(PodSpec before, PodSpec after, List<FieldChange> changes) {
    for (EffectiveSecurity.PodLevel field : EffectiveSecurity.POD_LEVEL) {
      Object asked = field.read().apply(before);
      Object got = field.read().apply(after);
      if (EffectiveSecurity.isSet(asked) && !EffectiveSecurity.keeps(asked, got)) {
        changes.add(new FieldChange("pod", field.name(), EffectiveSecurity.render(asked),
            EffectiveSecurity.render(got), ""));
      }
    }
  }

  private static void compareContainers(String kind, PodSpec before, PodSpec after,
      Function<PodSpec, List<Container>> containers, List<FieldChange> changes) {
    List<Container> returned = containers.apply(after) == null ? List.of() : containers.apply(after);
    for (Container asked : containers.apply(before) == null ? List.<Container>of() : containers.apply(before)) {
      String scope = kind + asked.getName();
      Optional<Container> got = returned.stream()
          .filter(c -> Objects.equals(c.getName(), asked.getName())).findFirst();
      if (got.isEmpty()) {
        changes.add(new FieldChange(scope, "container", "present", REMOVED, ""));
        continue;
      }
      for (EffectiveSecurity.Inherited field : EffectiveSecurity.INHERITED) {
        Object wanted = field.effective(before, asked);
        Object actual = field.effective(after, got.get());
        if (EffectiveSecurity.isSet(wanted) && !EffectiveSecurity.keeps(wanted, actual)) {
          changes.add(new FieldChange(scope, "effective " + field.name(), EffectiveSecurity.render(wanted),
              EffectiveSecurity.render(actual), inheritedCause(field, before, asked, after, got.get())));
        }
      }
      for (EffectiveSecurity.PerContainer field : EffectiveSecurity.PER_CONTAINER) {
        Object wanted = field.read().apply(asked);
        Object actual = field.read().apply(got.get());
        if (EffectiveSecurity.isSet(wanted) && !EffectiveSecurity.keeps(wanted, actual)) {
          changes.add(new FieldChange(scope, field.name(), EffectiveSecurity.render(wanted),
              EffectiveSecurity.render(actual), field.name().equals("capabilities")
                  ? capabilityCause(asked, got.get()) : ""));
        }
      }
    }
  }

  /** Which level changed an inherited field: the container's own, the pod's, or both. */
  private static String inheritedCause(EffectiveSecurity.Inherited field, PodSpec podBefore,
      Container before, PodSpec podAfter, Container after) {
    List<String> causes = new ArrayList<>();
    difference("container-level " + field.name(), field.containerLevel(before), field.containerLevel(after))
        .ifPresent(causes::add);
    difference("pod-level " + field.name(), field.podLevel(podBefore), field.podLevel(podAfter))
        .ifPresent(causes::add);
    return String.join(", ", causes);
  }

  /** The raw fields behind a lost capability: add, drop, privileged. */
  private static String capabilityCause(Container before, Container after) {
    List<String> causes = new ArrayList<>();
    difference("capabilities.add", raw(before, Capabilities::getAdd), raw(after, Capabilities::getAdd))
        .ifPresent(causes::add);
    difference("capabilities.drop", raw(before, Capabilities::getDrop), raw(after, Capabilities::getDrop))
        .ifPresent(causes::add);
    difference("privileged", privileged(before), privileged(after)).ifPresent(causes::add);
    return String.join(", ", causes);
  }

  private static Optional<String> difference(String what, Object before, Object after) {
    if (Objects.equals(before, after)) {
      return Optional.empty();
    }
    if (before == null) {
      return Optional.of(what + " added");
    }
    return Optional.of(after == null ? what + " removed" : what + " changed " + before + " -> " + after);
  }

  private static Object raw(Container c, Function<Capabilities, List<String>> read) {
    SecurityContext security = c.getSecurityContext();
    List<String> values = security == null || security.getCapabilities() == null
        ? null : read.apply(security.getCapabilities());
    return values == null || values.isEmpty() ? null : new TreeSet<>(values);
  }

  private static Object privileged(Container c) {
    return c.getSecurityContext() == null ? null : c.getSecurityContext().getPrivileged();
  }

  private static Optional<PodSpec> podSpec(HasMetadata object) {
    if (object instanceof Pod pod) {
      return Optional.ofNullable(pod.getSpec());
    }
    return PodTemplates.of(object).map(PodTemplateSpec::getSpec);
  }

  private static List<ObjectMeta> metadata(HasMetadata object) {
    ObjectMeta own = object.getMetadata();
    ObjectMeta template = PodTemplates.of(object).map(PodTemplateSpec::getMetadata).orElse(null);
    return Stream.of(own, template).filter(Objects::nonNull).toList();
  }
}
