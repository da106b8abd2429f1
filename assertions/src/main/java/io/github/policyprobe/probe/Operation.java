package io.github.policyprobe.probe;

import io.fabric8.kubernetes.api.model.EphemeralContainer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a probe reaches admission. Most are a dry-run create; the others act on a Pod that
 * policyprobe creates for real first (it never runs: no node is there to run it) and deletes
 * right after: {@code kubectl debug}, exec and attach, and updates of a running Pod. A tenant
 * relabelling its namespace is an update of the Namespace.
 */
public sealed interface Operation {
  /** What a failure message calls it, such as {@code kubectl exec (CONNECT pods/exec)}. */
  String describe();

  /** Whether the operation acts on a Pod created first (the probe's object). */
  default boolean needsRunningPod() {
    return true;
  }

  /** A dry-run create of the object (the default). */
  record Create() implements Operation {
    @Override
    public String describe() {
      return "create";
    }

    @Override
    public boolean needsRunningPod() {
      return false;
    }
  }

  /** What {@code kubectl debug} sends: an UPDATE of {@code pods/ephemeralcontainers}, as a dry-run. */
  record Debug(EphemeralContainer container) implements Operation {
    public Debug {
      Objects.requireNonNull(container, "container");
    }

    @Override
    public String describe() {
      return "kubectl debug (UPDATE pods/ephemeralcontainers, container " + container.getName() + ")";
    }
  }

  /**
   * What {@code kubectl exec} sends: a CONNECT of {@code pods/exec}. CONNECT has no dry-run:
   * admission decides first, then the API server finds no node to run it on, which reads as
   * admitted.
   */
  record Exec(List<String> command) implements Operation {
    public Exec {
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("An exec needs a command");
      }
    }

    @Override
    public String describe() {
      return "kubectl exec (CONNECT pods/exec: " + String.join(" ", command) + ")";
    }
  }

  /** What {@code kubectl attach} sends: a CONNECT of {@code pods/attach}. */
  record Attach() implements Operation {
    @Override
    public String describe() {
      return "kubectl attach (CONNECT pods/attach)";
    }
  }

  /** An update of a running Pod (a dry-run UPDATE) with {@code change} applied to it. */
  record Update(String what, PodChange change) implements Operation {
    public Update {
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(change, "change");
    }

    @Override
    public String describe() {
      return "update of a running Pod (" + what + ")";
    }
  }

  /** A label change of the probe's namespace (a dry-run PATCH of the Namespace), as a tenant would make it. */
  record LabelNamespace(Map<String, String> labels) implements Operation {
    public LabelNamespace {
      labels = Map.copyOf(labels);
      if (labels.isEmpty()) {
        throw new IllegalArgumentException("A namespace relabelling needs at least one label");
      }
    }

    @Override
    public String describe() {
      return "namespace label change (PATCH namespaces: " + labels + ")";
    }

    @Override
    public boolean needsRunningPod() {
      return false;
    }
  }
}
