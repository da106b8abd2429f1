package io.github.policyprobe.k3s;

import io.github.policyprobe.cluster.Versions;
import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.utility.DockerImageName;

/**
 * The condition behind {@link EnabledIfK3sAvailable}: a Docker engine answers, and the k3s image
 * is present or was pulled now (a pull it would need anyway). Both answers are cached per JVM.
 */
public final class K3sAvailableCondition implements ExecutionCondition {
  /** The k3s image is about 70 MB; a pull that takes longer than this counts as impossible. */
  static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);
  private static final String SKIPPED = "k3s tests skipped: ";
  private static final Map<String, Optional<String>> IMAGE_PROBLEMS = new ConcurrentHashMap<>();
  private static final Logger LOG = LoggerFactory.getLogger(K3sAvailableCondition.class);
  /** Each reason is logged once: build tools count skips but rarely print why. */
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<EnabledIfK3sAvailable> annotation = findAnnotation(context);
    if (annotation.isEmpty()) {
      return ConditionEvaluationResult.enabled("no @EnabledIfK3sAvailable here");
    }
    DockerAvailability.Answer docker = DockerAvailability.check();
    if (!docker.answers()) {
      return skipped("no Docker engine answered (" + docker.reason() + ")");
    }
    String image = annotation.get().image().isBlank() ? Versions.K3S_IMAGE : annotation.get().image();
    Optional<String> problem = IMAGE_PROBLEMS.computeIfAbsent(image, K3sAvailableCondition::imageProblem);
    return problem
        .map(reason -> skipped("image " + image + " is not present and could not be pulled (" + reason + ")"))
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

  /** Empty when the image is present or was pulled; else why not. */
  private static Optional<String> imageProblem(String image) {
    try {
      new RemoteDockerImage(DockerImageName.parse(image)).get(PULL_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
