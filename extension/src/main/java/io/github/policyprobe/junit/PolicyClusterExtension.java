package io.github.policyprobe.junit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.junit.ClassRuns;
import io.github.policyprobe.internal.junit.TestClassListener;
import io.github.policyprobe.internal.junit.TestReports;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link PolicyCluster}: resolves {@link Cluster} and {@link KubernetesClient}
 * parameters from a cluster shared by every test class with equal settings, and closes it at the
 * end of the run. The injected client is the cluster's own: tests share it and must not close it.
 */
public final class PolicyClusterExtension
    implements ParameterResolver, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ClassTemplateInvocationContextProvider, AfterClassTemplateInvocationCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PolicyClusterExtension.class);
  private static final String PREVIOUS_REPORT_CONTEXT = "previous-report-context";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Cluster.class || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Cluster cluster = clusterFor(context);
    return parameter.getParameter().getType() == KubernetesClient.class ? cluster.client() : cluster;
  }

  /**
   * The cluster for the test class of {@code context}: leased by the outermost test class until
   * it ends, from the run's pool of clusters with the same processes (booted on first use, its
   * policies swapped when another spec held it last).
   */
  private static Cluster clusterFor(ExtensionContext context) {
    PolicyCluster annotation = annotationOf(context);
    ClusterSpec spec = ClassRuns.kubernetesRun(context)
        .map(run -> ClusterSpecs.from(annotation, run.version()))
        .orElseGet(() -> ClusterSpecs.from(annotation));
    ClusterPool pool = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(PoolKey.of(spec), key -> new ClusterPool(), ClusterPool.class);
    Cluster cluster = ClassRuns.outermost(context).getStore(NAMESPACE)
        .getOrComputeIfAbsent(new LeaseKey(spec), key -> pool.lease(spec), ClusterPool.Lease.class)
        .cluster();
    // client() waits for the API server's bootstrap data: a test gets the cluster fully booted,
    // and a failed bootstrap fails it like a failed boot.
    cluster.client();
    return cluster;
  }

  /** The pool of clusters that share processes ({@link PoolKeys}). */
  private record PoolKey(ClusterSpec processes) {
    static PoolKey of(ClusterSpec spec) {
      return new PoolKey(PoolKeys.of(spec));
    }
  }

  /** A class's lease of a cluster for one spec (a @Nested class may name another). */
  private record LeaseKey(ClusterSpec spec) {}

  private static PolicyCluster annotationOf(ExtensionContext context) {
    return ClusterSpecs.annotationOf(context.getRequiredTestClass())
        .orElseThrow(() -> new ExtensionConfigurationException(context.getRequiredTestClass().getName()
            + " uses PolicyClusterExtension without @PolicyCluster"));
  }

  @Override
  public boolean supportsClassTemplate(ExtensionContext context) {
    return context.getTestClass().flatMap(ClusterSpecs::annotationOf).isPresent();
  }

  /** One invocation of the class per Kubernetes version it runs on ({@link ClusterSpecs#kubernetesVersions}). */
  @Override
  public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(ExtensionContext context) {
    PolicyCluster annotation = annotationOf(context);
    List<String> versions = ClusterSpecs.kubernetesVersions(annotation);
    boolean existing = ClusterSpecs.existingKubeconfig().isPresent();
    return versions.stream().map(version -> new ClassTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return existing ? "existing cluster" : "Kubernetes " + version;
      }

      @Override
      public void prepareInvocation(ExtensionContext invocation) {
        ClassRuns.enter(invocation, version, versions);
      }
    });
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    enterReports(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    leaveReports(context);
    // a class template's runs finish one by one, in afterClassTemplateInvocation
    boolean template = AnnotationSupport.isAnnotated(context.getRequiredTestClass(), ClassTemplate.class);
    if (ClassRuns.isTopLevel(context) && !template) {
      classRunFinished(context);
    }
  }

  /** One run of a class, on one Kubernetes version, is over: its listeners compare and report. */
  @Override
  public void afterClassTemplateInvocation(ExtensionContext context) {
    if (ClassRuns.isTopLevel(context)) { // a @Nested class template finishes inside its class
      classRunFinished(context);
    }
  }

  private static void classRunFinished(ExtensionContext context) {
    // every listener runs even when one fails the class; the first failure is the class's
    AssertionError failure = null;
    for (TestClassListener listener
        : ServiceLoader.load(TestClassListener.class, context.getRequiredTestClass().getClassLoader())) {
      try {
        listener.classFinished(ClassRuns.key(context));
      } catch (AssertionError e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    enterReports(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    leaveReports(context);
  }

  private static void enterReports(ExtensionContext context) {
    ExtensionContext previous = TestReports.enter(context);
    if (previous != null) {
      context.getStore(NAMESPACE).put(PREVIOUS_REPORT_CONTEXT, new PreviousContext(previous));
    }
  }

  private static void leaveReports(ExtensionContext context) {
    PreviousContext previous = context.getStore(NAMESPACE).get(PREVIOUS_REPORT_CONTEXT, PreviousContext.class);
    TestReports.leave(previous == null ? null : previous.context());
  }

  /**
   * Holds a context in the store without exposing it: JUnit closes AutoCloseable store values
   * when the store closes, and an ExtensionContext is AutoCloseable.
   */
  private record PreviousContext(ExtensionContext context) {}
}
