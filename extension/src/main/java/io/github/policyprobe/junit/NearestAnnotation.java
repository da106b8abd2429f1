package io.github.policyprobe.junit;

import java.lang.annotation.Annotation;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The annotation a test class carries, or else the one of the class it is declared in: a
 * {@code @Nested} class inherits its enclosing class's settings (JUnit's own lookup of enclosing
 * classes changed between 5.x releases, so policyprobe walks them itself).
 */
final class NearestAnnotation {
  private NearestAnnotation() {}

  static <A extends Annotation> Optional<A> of(Class<?> testClass, Class<A> annotationType) {
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      Optional<A> annotation = AnnotationSupport.findAnnotation(type, annotationType);
      if (annotation.isPresent()) {
        return annotation;
      }
    }
    return Optional.empty();
  }
}
