package io.github.policyprobe.profile;

import io.github.policyprobe.internal.probe.ProbeConsistency;
import io.github.policyprobe.probe.Operation;
import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.probe.ProbeKind;
import io.github.policyprobe.probe.ProbeVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One thing a product needs from the cluster's admission policies, checked by its own probes on
 * top of the neutral template.
 *
 * @param id a short stable name, such as {@code cap-dac-override}
 * @param why one line: why the product needs it
 * @param where which of the product's namespaces it applies to
 * @param variants the probes; every one must pass (one per value, such as each supplemental group)
 * @param sender who creates the objects in a real install, so who sends the probes
 */
public record Requirement(String id, String why, Placement where, List<ProbeVariant> variants, Sender sender) {

  public Requirement {
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException(
          "A requirement id must be letters, digits, '-', '_' or '.', not '" + id + "'");
    }
    if (why == null || why.isBlank()) {
      throw new IllegalArgumentException("Requirement " + id + " needs a 'why': one line saying why it is needed");
    }
    Objects.requireNonNull(where, "where");
    variants = List.copyOf(variants);
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("Requirement " + id + " has no probe");
    }
    Objects.requireNonNull(sender, "sender");
  }

  /** A requirement whose objects the installer creates. */
  public Requirement(String id, String why, Placement where, List<ProbeVariant> variants) {
    this(id, why, where, variants, Sender.installer());
  }

  /** The same requirement, sent by {@code value}. */
  public Requirement sentBy(Sender value) {
    return new Requirement(id, why, where, variants, value);
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds a requirement: a base change, optionally several variants on top of it. */
  public static final class Builder {
    private final String id;
    private String why;
    private Placement where = Placement.ALL_NAMESPACES;
    private PodChange base = PodChange.none();
    private ProbeKind kind = ProbeKind.POD;
    private Sender sender = Sender.installer();
    private Operation operation = new Operation.Create();
    private final List<String> variantLabels = new ArrayList<>();
    private final List<PodChange> variantChanges = new ArrayList<>();

    private Builder(String id) {
      this.id = id;
    }

    public Builder why(String value) {
      this.why = value;
      return this;
    }

    public Builder where(Placement value) {
      this.where = Objects.requireNonNull(value, "where");
      return this;
    }

    /** A change every probe of this requirement makes to the neutral template. */
    public Builder change(PodChange change) {
      this.base = base.andThen(Objects.requireNonNull(change, "change"));
      return this;
    }

    /** Send it as a Deployment (and as the Pod its template would create). */
    public Builder asDeployment() {
      return sentAs(ProbeKind.DEPLOYMENT);
    }

    /** Send it as a DaemonSet (and as the Pod its template would create), as node agents are. */
    public Builder asDaemonSet() {
      return sentAs(ProbeKind.DAEMON_SET);
    }

    /** Send it as a Pod (the default), a Deployment or a DaemonSet. */
    public Builder sentAs(ProbeKind value) {
      this.kind = Objects.requireNonNull(value, "kind");
      return this;
    }

    /** Who creates the objects in a real install (the installer unless said otherwise). */
    public Builder sentBy(Sender value) {
      this.sender = Objects.requireNonNull(value, "sender");
      return this;
    }

    /**
     * How the probes reach admission: exec, attach, kubectl debug or an update on a running Pod
     * of the template with the base change, instead of a create.
     */
    public Builder operation(Operation value) {
      this.operation = Objects.requireNonNull(value, "operation");
      return this;
    }

    /** One more probe: the base change plus {@code change}; every variant must pass. */
    public Builder variant(String label, PodChange change) {
      variantLabels.add(Objects.requireNonNull(label, "label"));
      variantChanges.add(Objects.requireNonNull(change, "change"));
      return this;
    }

    public Requirement build() {
      List<ProbeVariant> variants = new ArrayList<>();
      if (!(operation instanceof Operation.Create) && kind != ProbeKind.POD) {
        throw new IllegalArgumentException("Requirement " + id + ": " + operation.describe()
            + " acts on a Pod, not a " + kind.kind());
      }
      if (variantChanges.isEmpty()) {
        variants.add(new ProbeVariant("", kind, base, null, operation));
      }
      for (int i = 0; i < variantChanges.size(); i++) {
        variants.add(new ProbeVariant(variantLabels.get(i), kind, base.andThen(variantChanges.get(i)), null, operation));
      }
      for (ProbeVariant variant : variants) {
        List<String> problems = ProbeConsistency.problems(variant);
        if (!problems.isEmpty()) {
          throw new IllegalArgumentException("Requirement " + id
              + (variant.label().isEmpty() ? "" : " (" + variant.label() + ")")
              + " cannot be probed: " + String.join("; ", problems));
        }
      }
      return new Requirement(id, why, where, variants, sender);
    }
  }
}
