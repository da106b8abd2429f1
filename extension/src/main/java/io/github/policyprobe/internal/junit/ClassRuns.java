package io.github.policyprobe.internal.junit;

import io.github.policyprobe.internal.versions.KubernetesVersions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where a test class's run begins in JUnit's tree of contexts. A {@code @PolicyCluster} class is a
 * class template with one invocation per Kubernetes version, so a class runs as often as it has
 * versions: each invocation is a class run of its own, with its own cluster lease, report part,
 * records and baseline.
 */
public final class ClassRuns {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClassRuns.class);

  private ClassRuns() {}

  /** The version a class run is on, and whether the class runs on more than one. */
  public record KubernetesRun(String version, List<String> versions, String invocationId) {
    /** How records and baselines tell the runs of one class apart; empty when it runs once. */
    String suffix() {
      if (versions.size() < 2) {
        return "";
      }
      String minor = KubernetesVersions.minorOf(version);
      boolean minorIsUnique = versions.stream().filter(v -> KubernetesVersions.minorOf(v).equals(minor)).count() == 1;
      return "@kubernetes-" + (minorIsUnique ? minor : version);
    }
  }

  /** Called as an invocation starts: what the class template provider chose for it. */
  public static void enter(ExtensionContext invocation, String version, List<String> versions) {
    invocation.getStore(NAMESPACE).put(KubernetesRun.class,
        new KubernetesRun(version, List.copyOf(versions), invocation.getUniqueId()));
  }

  /** The Kubernetes run {@code context} is part of (the innermost one, for nested templates). */
  public static Optional<KubernetesRun> kubernetesRun(ExtensionContext context) {
    return Optional.ofNullable(context.getStore(NAMESPACE).get(KubernetesRun.class, KubernetesRun.class));
  }

  /**
   * Whether {@code context} is one invocation of a class template: a class context whose parent
   * is the template of the same class (a @Nested class's parent is another class; a method's
   * context has a method).
   */
  public static boolean isTemplateInvocation(ExtensionContext context) {
    return context.getTestClass().isPresent() && context.getTestMethod().isEmpty()
        && context.getParent().flatMap(ExtensionContext::getTestClass).equals(context.getTestClass());
  }

  /** The context of the top-level class run {@code context} belongs to. */
  public static ExtensionContext outermost(ExtensionContext context) {
    ExtensionContext outermost = context;
    for (ExtensionContext c = context; c != null && c.getTestClass().isPresent(); c = c.getParent().orElse(null)) {
      outermost = c;
      if (isTopLevel(c)) {
        break;
      }
    }
    return outermost;
  }

  /** Whether {@code context} is a top-level class run: a top-level class, or one invocation of it. */
  public static boolean isTopLevel(ExtensionContext context) {
    if (context.getTestClass().isEmpty() || context.getTestMethod().isPresent()) {
      return false;
    }
    Optional<ExtensionContext> parent = context.getParent();
    if (isTemplateInvocation(context)) {
      parent = parent.flatMap(ExtensionContext::getParent);
    }
    return parent.flatMap(ExtensionContext::getTestClass).isEmpty();
  }

  /**
   * The name records, report parts and baselines file a class run under: the top-level class's
   * binary name, with {@code @kubernetes-1.37} when the class runs on several versions.
   */
  public static String key(ExtensionContext context) {
    ExtensionContext outermost = outermost(context);
    return outermost.getRequiredTestClass().getName()
        + kubernetesRun(outermost).map(KubernetesRun::suffix).orElse("");
  }
}
