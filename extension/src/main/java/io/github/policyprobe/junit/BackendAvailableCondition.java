package io.github.policyprobe.junit;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.internal.cluster.Clusters;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The condition behind {@link EnabledIfBackendAvailable}: asks the backend itself, as AUTO does,
 * so the condition knows no backend by name. Backends cache their answers per JVM.
 */
final class BackendAvailableCondition implements ExecutionCondition {
  private static final Logger LOG = LoggerFactory.getLogger(BackendAvailableCondition.class);
  /** Each reason is logged once: build tools count skips but rarely print why. */
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<EnabledIfBackendAvailable> annotation = findAnnotation(context);
    if (annotation.isEmpty()) {
      return ConditionEvaluationResult.enabled("no @EnabledIfBackendAvailable here");
    }
    Backend backend = annotation.get().value();
    if (backend == Backend.AUTO || backend == Backend.EXISTING) {
      throw new ExtensionConfigurationException("@EnabledIfBackendAvailable(" + backend + ") on "
          + context.getElement().map(Object::toString).orElse("?") + ": name K3S or LOCAL");
    }
    ClusterSpec spec = ClusterSpec.defaults().withBackend(backend);
    if (!annotation.get().k3sImage().isBlank()) {
      spec = spec.withK3sImage(annotation.get().k3sImage());
    }
    String name = backend.name().toLowerCase(Locale.ROOT);
    return Clusters.unavailableFor(spec)
        .map(why -> skipped(name + " tests skipped: " + why))
        .orElseGet(() -> ConditionEvaluationResult.enabled(name + " can start here"));
  }

  private static ConditionEvaluationResult skipped(String reason) {
    if (LOGGED.add(reason)) {
      LOG.warn(reason);
    }
    return ConditionEvaluationResult.disabled(reason);
  }

  private static Optional<EnabledIfBackendAvailable> findAnnotation(ExtensionContext context) {
    Optional<EnabledIfBackendAvailable> onElement =
        AnnotationSupport.findAnnotation(context.getElement(), EnabledIfBackendAvailable.class);
    if (onElement.isPresent()) {
      return onElement;
    }
    // A method inherits its class's annotation (or an enclosing class's, for @Nested classes).
    return context.getTestClass().flatMap(type -> NearestAnnotation.of(type, EnabledIfBackendAvailable.class));
  }
}
