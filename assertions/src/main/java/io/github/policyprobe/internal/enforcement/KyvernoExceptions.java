package io.github.policyprobe.internal.enforcement;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.engines.EngineValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kyverno ignores every PolicyException unless its install turns exceptions on (off by default
 * since Kyverno 1.13: chart value {@code features.policyExceptions.enabled}, flag
 * {@code --enablePolicyException}). A team that wrote an exception and sees Kyverno deny anyway is
 * told why: the PolicyExceptions in the cluster, and where the setting comes from.
 */
final class KyvernoExceptions {
  private static final List<String> VERSIONS = List.of("kyverno.io/v2", "kyverno.io/v2beta1");

  private final Cluster cluster;
  private final KubernetesClient client;
  private Optional<String> last;
  private long readAt;

  KyvernoExceptions(Cluster cluster, KubernetesClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  /** Why a Kyverno denial stood despite PolicyExceptions, when they exist and are off; else empty. */
  synchronized Optional<String> ignored() {
    // one batch of probes asks for every Kyverno denial: read the cluster once a second at most
    if (System.nanoTime() - readAt > 1_000_000_000L || last == null) {
      last = read();
      readAt = System.nanoTime();
    }
    return last;
  }

  private Optional<String> read() {
    List<String> exceptions = exceptions();
    if (exceptions.isEmpty()) {
      return Optional.empty();
    }
    Optional<Settings> settings = settings();
    if (settings.isEmpty()) {
      return Optional.empty();
    }
    Settings install = settings.get();
    String why;
    List<String> ignored = exceptions;
    if (!install.enabled()) {
      why = "policy exceptions are off in this install (" + install.source() + ")";
    } else if (install.namespace().isEmpty()) {
      // Kyverno 1.19 logs "the flag --exceptionNamespace cannot be empty" and selects no exception
      why = "--exceptionNamespace is empty, so Kyverno selects none (features.policyExceptions.namespace in "
          + install.source() + "; '*' accepts every namespace)";
    } else if (install.namespace().equals("*")) {
      return Optional.empty();
    } else {
      ignored = exceptions.stream().filter(name -> !name.startsWith(install.namespace() + "/")).toList();
      why = "Kyverno accepts PolicyExceptions in namespace " + install.namespace() + " only (" + install.source() + ")";
    }
    if (ignored.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("Kyverno ignores PolicyException" + (ignored.size() == 1 ? " " : "s ") + String.join(", ", ignored)
        + ": " + why);
  }

  private List<String> exceptions() {
    List<String> names = new ArrayList<>();
    for (String apiVersion : VERSIONS) {
      try {
        for (GenericKubernetesResource exception : client.genericKubernetesResources(apiVersion, "PolicyException")
            .inAnyNamespace().list().getItems()) {
          String name = exception.getMetadata().getNamespace() + "/" + exception.getMetadata().getName();
          if (!names.contains(name)) {
            names.add(name);
          }
        }
      } catch (KubernetesClientException e) {
        // that version is not served, or these credentials may not list it
      }
    }
    return names;
  }

  /** How this install treats exceptions, and where that is said. */
  private record Settings(boolean enabled, String namespace, String source) {}

  private Optional<Settings> settings() {
    if (cluster.isExisting()) {
      return installedSettings();
    }
    String values = cluster.spec().engineValues().get(Engine.KYVERNO);
    if (values == null) {
      return Optional.of(new Settings(false, "", "features.policyExceptions.enabled is false by default; give the"
          + " team's values with @PolicyCluster(kyvernoValues)"));
    }
    try {
      // the very reading the engine was started with
      EngineValues install = EngineValues.read(values);
      return Optional.of(new Settings(install.kyvernoPolicyExceptions(), install.kyvernoExceptionNamespace(),
          "features.policyExceptions in " + values));
    } catch (RuntimeException e) {
      return Optional.empty(); // the engine refused the same file at boot; nothing to explain with
    }
  }

  /** An installed Kyverno says it in its admission controller's flags. */
  private Optional<Settings> installedSettings() {
    try {
      for (Deployment deployment : client.apps().deployments().inAnyNamespace()
          .withLabel("app.kubernetes.io/component", "admission-controller").list().getItems()) {
        for (var container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
          List<String> args = container.getArgs() == null ? List.of() : container.getArgs();
          Optional<String> enabled = flag(args, "--enablePolicyException=");
          if (enabled.isPresent()) {
            return Optional.of(new Settings(Boolean.parseBoolean(enabled.get()),
                flag(args, "--exceptionNamespace=").orElse(""), "the flags of deployment "
                    + deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName()));
          }
        }
      }
    } catch (KubernetesClientException e) {
      // these credentials may not read it
    }
    return Optional.empty();
  }

  private static Optional<String> flag(List<String> args, String prefix) {
    return args.stream().filter(arg -> arg.startsWith(prefix)).map(arg -> arg.substring(prefix.length())).findFirst();
  }
}
