package io.github.policyprobe.k3s;

import io.github.policyprobe.cluster.Versions;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The condition behind {@link EnabledIfK3sAvailable}: the same {@link K3sPreflight} as the AUTO
 * backend (a Docker engine answers, Ryuk can run or is off, the k3s image is present or was pulled
 * now, a pull it would need anyway). Answers are cached per JVM.
 */
public final class K3sAvailableCondition implements ExecutionCondition {
  private static final String SKIPPED = "k3s tests skipped: ";
  private static final Logger LOG = LoggerFactory.getLogger(K3sAvailableCondition.class);
  /** Each reason is logged once: build tools count skips but rarely print why. */
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<EnabledIfK3sAvailable> annotation = findAnnotation(context);
    if (annotation.isEmpty()) {
      return ConditionEvaluationResult.enabled("no @EnabledIfK3sAvailable here");
    }
    String image = annotation.get().image().isBlank() ? Versions.K3S_IMAGE : annotation.get().image();
    K3sPreflight.Outcome k3s = K3sPreflight.check(image);
    return k3s.cause()
        .map(K3sAvailableCondition::skipped)
        .orElseGet(() -> ConditionEvaluationResult.enabled("Docker answers and " + image + " is present"));
  }

  private static ConditionEvaluationResult skipped(String why) {
    String reason = SKIPPED + why;
    if (LOGGED.add(reason)) {
      LOG.warn(reason);
    }
    return ConditionEvaluationResult.disabled(reason);
  }

  private static Optional<EnabledIfK3sAvailable> findAnnotation(ExtensionContext context) {
    Optional<EnabledIfK3sAvailable> onElement =
        AnnotationSupport.findAnnotation(context.getElement(), EnabledIfK3sAvailable.class);
    if (onElement.isPresent()) {
      return onElement;
    }
    // A method inherits its class's annotation (or an enclosing class's, for @Nested classes).
    Optional<Class<?>> type = context.getTestClass();
    while (type.isPresent()) {
      Optional<EnabledIfK3sAvailable> found =
          AnnotationSupport.findAnnotation((AnnotatedElement) type.get(), EnabledIfK3sAvailable.class);
      if (found.isPresent()) {
        return found;
      }
      type = Optional.ofNullable(type.get().getEnclosingClass());
    }
    return Optional.empty();
  }
}
