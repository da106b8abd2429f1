package io.github.policyprobe.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules' direction, samples -> assertions -> extension, pinned on the main classes of both
 * libraries: the extension knows nothing of probes, and the assertions reach the extension only
 * through what a test author uses too (the {@code Cluster} facade, the JUnit extension's hooks,
 * manifest locations), never through what boots clusters.
 */
class ModuleDirectionTest {
  private static final String ROOT = "io.github.policyprobe.";
  private static final String[] ASSERTIONS = packages("assertions", "baseline", "enforcement",
      "evaluation", "podsecurity", "probe", "profile", "report");
  private static final String[] EXTENSION = packages("junit", "cluster", "local", "k3s", "existing",
      "engines", "process", "inforce", "manifests", "kube", "tls", "wait", "progress");
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.policyprobe");
  }

  @Test
  void bothLibrariesWereImported() {
    assertThat(classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet()))
        .contains(ROOT + "assertions", ROOT + "profile", ROOT + "cluster", ROOT + "local");
  }

  @Test
  void theExtensionKnowsNothingOfTheAssertions() {
    noClasses().that().resideInAnyPackage(EXTENSION)
        .should().dependOnClassesThat().resideInAnyPackage(ASSERTIONS)
        .check(classes);
  }

  @Test
  void theAssertionsUseTheExtensionOnlyThroughItsPublicFace() {
    noClasses().that().resideInAnyPackage(ASSERTIONS)
        .should().dependOnClassesThat(insideTheExtensionButNotItsFace())
        .check(classes);
  }

  private static DescribedPredicate<JavaClass> insideTheExtensionButNotItsFace() {
    return DescribedPredicate.describe("are inside the extension but not its public face"
        + " (cluster except its spi and Clusters, junit, manifests.Locations and ManifestFiles,"
        + " helm.HelmTemplate, engines.EngineValues)", javaClass -> {
          String name = javaClass.getName();
          boolean extension = javaClass.getPackageName().startsWith(ROOT)
              && java.util.Arrays.stream(EXTENSION).anyMatch(p -> javaClass.getPackageName()
                  .startsWith(p.substring(0, p.length() - 2)));
          boolean face = (javaClass.getPackageName().equals(ROOT + "cluster") && !name.equals(ROOT + "cluster.Clusters"))
              || javaClass.getPackageName().equals(ROOT + "junit")
              || name.equals(ROOT + "manifests.Locations") || name.startsWith(ROOT + "manifests.ManifestFiles")
              || name.equals(ROOT + "helm.HelmTemplate") || name.equals(ROOT + "engines.EngineValues");
          return extension && !face;
        });
  }

  private static String[] packages(String... names) {
    return java.util.Arrays.stream(names).map(name -> ROOT + name + "..").toArray(String[]::new);
  }
}
