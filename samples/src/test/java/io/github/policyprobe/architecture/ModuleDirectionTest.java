package io.github.policyprobe.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules' direction, samples -> assertions -> extension, pinned on the main classes of both
 * libraries: the extension knows nothing of probes, and the assertions reach the extension
 * through its API and the internals a test needs too (the running cluster, manifest locations,
 * the engines' values, the JUnit hooks), never through what boots clusters. The sample suites, the
 * code a team copies, use the API packages only.
 */
class ModuleDirectionTest {
  private static final String ROOT = "io.github.policyprobe.";
  private static final String[] ASSERTIONS = packages("assertions", "podsecurity", "probe", "profile",
      "internal.baseline", "internal.enforcement", "internal.evaluation", "internal.report", "internal.probe",
      "internal.objects");
  private static final String[] EXTENSION = packages("junit", "cluster", "internal.cluster", "internal.junit",
      "internal.spi", "internal.local", "internal.k3s", "internal.existing", "internal.engines",
      "internal.process", "internal.inforce", "internal.manifests", "internal.kube", "internal.tls",
      "internal.wait", "internal.progress", "internal.helm", "internal.pinned", "internal.versions");
  /** What boots clusters: the assertions never reach it. */
  private static final String[] BOOT_MACHINERY = packages("internal.spi", "internal.local", "internal.k3s",
      "internal.existing", "internal.process", "internal.tls");
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = MainClasses.ofBothLibraries();
  }

  @Test
  void bothLibrariesWereImported() {
    assertThat(classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet()))
        .contains(ROOT + "assertions", ROOT + "profile", ROOT + "cluster", ROOT + "internal.local");
  }

  @Test
  void everyPackageBelongsToOneModule() {
    assertThat(classes.stream().map(JavaClass::getPackageName).filter(name -> !matchesAny(name, ASSERTIONS)
        && !matchesAny(name, EXTENSION)).collect(Collectors.toSet()))
        .as("packages in neither list of this class").isEmpty();
  }

  @Test
  void theExtensionKnowsNothingOfTheAssertions() {
    noClasses().that().resideInAnyPackage(EXTENSION)
        .should().dependOnClassesThat().resideInAnyPackage(ASSERTIONS)
        .check(classes);
  }

  @Test
  void theAssertionsDoNotReachWhatBootsClusters() {
    noClasses().that().resideInAnyPackage(ASSERTIONS)
        .should().dependOnClassesThat().resideInAnyPackage(BOOT_MACHINERY)
        .check(classes);
  }

  @Test
  void noPackageCyclesAcrossBothLibraries() {
    slices().matching("io.github.policyprobe.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theSampleSuitesUseTheApiOnly() {
    JavaClasses samples = new ClassFileImporter().importPackages(ROOT + "samples");
    assertThat(samples).as("the sample suites were imported").isNotEmpty();
    noClasses().should().dependOnClassesThat().resideInAPackage(ROOT + "internal..")
        .because("a team copies the samples: they show what 0.1.0 promises")
        .check(samples);
  }

  private static boolean matchesAny(String packageName, String[] patterns) {
    return java.util.Arrays.stream(patterns).map(p -> p.substring(0, p.length() - 2))
        .anyMatch(p -> packageName.equals(p) || packageName.startsWith(p + "."));
  }

  private static String[] packages(String... names) {
    return java.util.Arrays.stream(names).map(name -> ROOT + name + "..").toArray(String[]::new);
  }
}
