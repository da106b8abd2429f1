package io.github.policyprobe.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.Slices;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.spi.ClusterBackend;
import java.util.EnumSet;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The extension's package map, pinned. The API ({@code cluster}, {@code junit}) sits on internal
 * packages. The facade ({@link Cluster} and {@code internal.cluster}, which runs it) finds the
 * backends through {@link ServiceLoader}; each backend owns its lifecycle and engines and knows no
 * other backend; neither backends nor engines nor the building blocks (processes, the in-force
 * proofs, manifests, pinned versions, small utilities) can reach the facade or JUnit. Every
 * package, sub-packages included, is free of cycles.
 */
class PackageRulesTest {
  private static final String ROOT = "io.github.policyprobe";
  private static final String INTERNAL = ROOT + ".internal";
  private static final String[] BACKENDS = {INTERNAL + ".local..", INTERNAL + ".k3s..", INTERNAL + ".existing.."};
  private static final String[] BELOW_THE_FACADE = {INTERNAL + ".spi..", INTERNAL + ".local..", INTERNAL + ".k3s..",
      INTERNAL + ".existing..", INTERNAL + ".engines..", INTERNAL + ".process..", INTERNAL + ".inforce..",
      INTERNAL + ".manifests..", INTERNAL + ".kube..", INTERNAL + ".tls..", INTERNAL + ".wait..",
      INTERNAL + ".progress..", INTERNAL + ".helm..", INTERNAL + ".pinned..", INTERNAL + ".versions.."};
  private static JavaClasses extension;

  @BeforeAll
  static void importMainClasses() {
    extension = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  void theMainClassesWereImported() {
    // Guards the rules below against passing on nothing.
    assertThat(extension.stream().map(c -> c.getPackageName()).collect(Collectors.toSet()))
        .contains(ROOT + ".cluster", ROOT + ".junit", INTERNAL + ".cluster", INTERNAL + ".spi", INTERNAL + ".local",
            INTERNAL + ".k3s", INTERNAL + ".engines", INTERNAL + ".process", INTERNAL + ".inforce");
  }

  @Test
  void everyPackageHasItsPlaceInTheMap() {
    Set<String> mapped = Set.of("cluster", "junit", "internal.cluster", "internal.junit", "internal.spi",
        "internal.local", "internal.k3s", "internal.existing", "internal.engines", "internal.process",
        "internal.inforce", "internal.manifests", "internal.kube", "internal.tls", "internal.wait",
        "internal.progress", "internal.helm", "internal.pinned", "internal.versions");
    assertThat(extension.stream().map(c -> c.getPackageName().substring(ROOT.length() + 1))
        .collect(Collectors.toSet()))
        .as("packages; a new one needs its place in the rules of this class")
        .isSubsetOf(mapped);
  }

  @Test
  void theFacadeAndJunitAreNotReachableFromBackendsEnginesOrBuildingBlocks() {
    noClasses().that().resideInAnyPackage(BELOW_THE_FACADE)
        .should().dependOnClassesThat(resideInAnyPackage(INTERNAL + ".cluster..", ROOT + ".junit..",
            INTERNAL + ".junit..").or(equivalentTo(Cluster.class)))
        .check(extension);
  }

  @Test
  void onlyBackendsUseTheEnginesProcesses() {
    noClasses().that().resideOutsideOfPackages(INTERNAL + ".engines..", INTERNAL + ".local..", INTERNAL + ".k3s..")
        .should().dependOnClassesThat().resideInAPackage(INTERNAL + ".engines..")
        .check(extension);
  }

  @Test
  void backendsDoNotKnowEachOther() {
    slices().matching(INTERNAL + ".(local|k3s|existing)..").should().notDependOnEachOther().check(extension);
  }

  @Test
  void noBackendIsNamedAboveTheSpi() {
    noClasses().that().resideOutsideOfPackages(BACKENDS)
        .should().dependOnClassesThat().resideInAnyPackage(BACKENDS)
        .check(extension);
  }

  @Test
  void noPackageCyclesSubPackagesIncluded() {
    // one slice per package: cluster and cluster.spi once formed a cycle that one slice for both hid
    assertThat(Slices.matching(ROOT + ".(**)").transform(extension))
        .hasSameSizeAs(extension.stream().map(c -> c.getPackageName()).distinct().toList());
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(extension);
  }

  @Test
  void everyBackendIsFoundThroughTheServiceLoader() {
    Set<Backend> found = ServiceLoader.load(ClusterBackend.class).stream()
        .map(provider -> provider.get().backend()).collect(Collectors.toSet());
    assertThat(found).isEqualTo(EnumSet.complementOf(EnumSet.of(Backend.AUTO)));
  }
}
