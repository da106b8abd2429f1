package io.github.policyprobe.profile;

import io.github.policyprobe.probe.PodChange;
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
 */
public record Requirement(String id, String why, Placement where, List<ProbeVariant> variants) {

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
    private boolean asDeployment;
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
      this.asDeployment = true;
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
      if (variantChanges.isEmpty()) {
        variants.add(new ProbeVariant("", asDeployment, base));
      }
      for (int i = 0; i < variantChanges.size(); i++) {
        variants.add(new ProbeVariant(variantLabels.get(i), asDeployment, base.andThen(variantChanges.get(i))));
      }
      return new Requirement(id, why, where, variants);
    }
  }
}
