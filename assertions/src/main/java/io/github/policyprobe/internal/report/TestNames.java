package io.github.policyprobe.internal.report;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * The test an assertion runs in, read from the call stack: the nearest method carrying a JUnit
 * test annotation. The report names it next to each result.
 */
final class TestNames {
  private static final Set<String> TEST_ANNOTATIONS = Set.of(
      "Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate");
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private TestNames() {}

  /** Such as {@code HardeningTest.k10StillWorks}; empty when no test method is on the stack. */
  static String current() {
    return WALKER.walk(frames -> frames
        .filter(TestNames::isTestMethod)
        .findFirst()
        .map(f -> f.getDeclaringClass().getSimpleName() + "." + f.getMethodName()))
        .orElse("");
  }

  private static boolean isTestMethod(StackWalker.StackFrame frame) {
    try {
      Method method = frame.getDeclaringClass()
          .getDeclaredMethod(frame.getMethodName(), frame.getMethodType().parameterArray());
      for (Annotation annotation : method.getAnnotations()) {
        if (TEST_ANNOTATIONS.contains(annotation.annotationType().getSimpleName())) {
          return true;
        }
      }
      return false;
    } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
      return false; // constructors, lambdas and synthetic frames
    }
  }
}
