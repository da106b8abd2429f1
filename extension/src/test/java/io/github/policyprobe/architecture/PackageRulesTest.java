package io.github.policyprobe.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.spi.ClusterBackend;
import java.util.EnumSet;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The extension's package map, pinned. The facade ({@code cluster}) knows no backend by name: it
 * finds them through {@link ServiceLoader}. Each backend owns its lifecycle and engines, and knows
 * no other backend. The building blocks (processes, the in-force proofs, manifests, small
 * utilities) know neither backends nor the facade.
 */
class PackageRulesTest {
  private static final String ROOT = "io.github.policyprobe";
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
        .contains(ROOT + ".cluster", ROOT + ".cluster.spi", ROOT + ".local", ROOT + ".k3s",
            ROOT + ".engines", ROOT + ".process", ROOT + ".inforce", ROOT + ".junit");
  }

  @Test
  void dependenciesPointOneWay() {
    ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("junit").definedBy(ROOT + ".junit..")
        .layer("facade").definedBy(ROOT + ".cluster..")
        .layer("backends").definedBy(ROOT + ".local..", ROOT + ".k3s..", ROOT + ".existing..")
        .layer("engines").definedBy(ROOT + ".engines..")
        .layer("building blocks").definedBy(ROOT + ".process..", ROOT + ".inforce..",
            ROOT + ".manifests..", ROOT + ".kube..", ROOT + ".tls..", ROOT + ".wait..",
            ROOT + ".progress..", ROOT + ".helm..")
        .whereLayer("junit").mayNotBeAccessedByAnyLayer()
        .whereLayer("backends").mayNotBeAccessedByAnyLayer()
        .whereLayer("engines").mayOnlyBeAccessedByLayers("backends")
        .whereLayer("facade").mayOnlyBeAccessedByLayers("junit", "backends", "engines");
    layers.check(extension);
  }

  @Test
  void everyPackageHasItsPlaceInTheMap() {
    Set<String> mapped = Set.of("junit", "cluster", "local", "k3s", "existing", "engines", "process",
        "inforce", "manifests", "kube", "tls", "wait", "progress", "helm");
    assertThat(extension.stream().map(c -> c.getPackageName().substring(ROOT.length() + 1).split("\\.")[0])
        .collect(Collectors.toSet()))
        .as("top-level packages; a new one needs its layer in dependenciesPointOneWay")
        .isSubsetOf(mapped);
  }

  @Test
  void backendsDoNotKnowEachOther() {
    slices().matching(ROOT + ".(local|k3s|existing)..").should().notDependOnEachOther().check(extension);
  }

  @Test
  void noPackageCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(extension);
  }

  @Test
  void everyBackendIsFoundThroughTheServiceLoader() {
    Set<Backend> found = ServiceLoader.load(ClusterBackend.class).stream()
        .map(provider -> provider.get().backend()).collect(Collectors.toSet());
    assertThat(found).isEqualTo(EnumSet.complementOf(EnumSet.of(Backend.AUTO)));
  }
}
