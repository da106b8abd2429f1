package io.github.policyprobe.internal.junit;

/**
 * Told when a {@code @PolicyCluster} test class has finished, after all its tests. Implementations
 * are found with {@link java.util.ServiceLoader} (a {@code META-INF/services} entry), so modules
 * that build on the extension (the assertions' verdict baselines) can act per class without the
 * extension knowing them. An {@link AssertionError} thrown here fails the class.
 */
public interface TestClassListener {

  /** @param testClass the finished class's binary name, such as {@code com.acme.HardeningTest} */
  void classFinished(String testClass);
}
