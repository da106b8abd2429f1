package io.github.policyprobe.architecture;

import static com.tngtech.archunit.core.domain.JavaModifier.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The line between what users may import and what is internal: the API packages below, and
 * everything else under {@code io.github.policyprobe.internal}, which is not documented, not
 * covered by the compatibility check and may change in any release. Every public type of an API
 * package is listed here, so a new one is a decision (it becomes a promise once published), and
 * no public signature of the API names an internal type.
 */
class ApiLineTest {
  private static final String ROOT = "io.github.policyprobe.";
  static final Set<String> API_PACKAGES = Set.of("cluster", "junit", "assertions", "podsecurity", "probe", "profile");

  /**
   * The public types of the API packages, nested ones included. {@code junit.PlannedClusters} is
   * public only because the JUnit Platform loads it as a service; it has no methods to call.
   */
  private static final Set<String> API_TYPES = Set.of(
      "assertions.AdmittedAssert",
      "assertions.ClusterAssert",
      "assertions.ClusterAssert.ObjectCheck",
      "assertions.DeniedAssert",
      "assertions.PodSecurityAssert",
      "assertions.PolicyAssertions",
      "assertions.PolicySoftAssertions",
      "cluster.Backend",
      "cluster.Cluster",
      "cluster.ClusterSpec",
      "cluster.ClusterStartException",
      "cluster.Engine",
      "junit.EnabledIfBackendAvailable",
      "junit.PlannedClusters",
      "junit.PolicyCluster",
      "junit.PolicyClusterExtension",
      "podsecurity.PodSecurityControl",
      "podsecurity.PodSecurityControls",
      "podsecurity.PodSecurityLevel",
      "probe.Identity",
      "probe.NeutralTemplate",
      "probe.Operation",
      "probe.Operation.Attach",
      "probe.Operation.Create",
      "probe.Operation.Debug",
      "probe.Operation.Exec",
      "probe.Operation.LabelNamespace",
      "probe.Operation.Update",
      "probe.Operations",
      "probe.PodChange",
      "probe.PodChanges",
      "probe.ProbeKind",
      "probe.ProbeVariant",
      "profile.CiliumProfile",
      "profile.K10Profile",
      "profile.K10Profile.StorageSecurityContext",
      "profile.NamespacePlan",
      "profile.NamespaceRole",
      "profile.Placement",
      "profile.ProductRbac",
      "profile.ProfileDiff",
      "profile.ProfileDiff.Change",
      "profile.ProfileFormatException",
      "profile.Profiles",
      "profile.Requirement",
      "profile.Requirement.Builder",
      "profile.RequirementProfile",
      "profile.RequirementProfile.Builder",
      "profile.Sender",
      "profile.ShippedProfile",
      "profile.VeleroProfile");

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = MainClasses.ofBothLibraries();
  }

  @Test
  void everyPackageIsApiOrInternal() {
    Set<String> neither = classes.stream().map(JavaClass::getPackageName)
        .filter(name -> !isApi(name) && !isInternal(name)).collect(Collectors.toCollection(TreeSet::new));
    assertThat(neither).as("packages neither in API_PACKAGES nor under %sinternal", ROOT).isEmpty();
  }

  @Test
  void theApiPackagesHoldExactlyTheListedPublicTypes() {
    Set<String> found = apiClasses().map(c -> c.getName().substring(ROOT.length()).replace('$', '.'))
        .collect(Collectors.toCollection(TreeSet<String>::new));
    assertThat(found)
        .as("public types of the API packages: a new one becomes a promise once 0.1.0 is published;"
            + " make it package-private, move it under internal, or list it here on purpose")
        .containsExactlyInAnyOrderElementsOf(API_TYPES);
  }

  @Test
  void noPublicSignatureOfTheApiNamesAnInternalType() {
    List<String> leaks = new ArrayList<>();
    apiClasses().forEach(type -> {
      Stream.concat(Stream.ofNullable(type.getRawSuperclass().orElse(null)), type.getRawInterfaces().stream())
          .filter(ApiLineTest::isInternalType).forEach(s -> leaks.add(type.getName() + " extends " + s.getName()));
      for (JavaCodeUnit unit : type.getCodeUnits()) {
        if (visible(unit.getModifiers())) {
          Stream.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream())
              .filter(ApiLineTest::isInternalType)
              .forEach(t -> leaks.add(unit.getFullName() + " names " + t.getName()));
        }
      }
      for (JavaField field : type.getFields()) {
        if (visible(field.getModifiers()) && isInternalType(field.getRawType())) {
          leaks.add(field.getFullName() + " is a " + field.getRawType().getName());
        }
      }
    });
    assertThat(leaks).as("public API that names internal types").isEmpty();
  }

  private static Stream<JavaClass> apiClasses() {
    return classes.stream().filter(c -> isApi(c.getPackageName()) && c.getModifiers().contains(PUBLIC)
        && !c.isAnonymousClass() && !c.isLocalClass()
        && c.getEnclosingClass().map(outer -> outer.getModifiers().contains(PUBLIC)).orElse(true));
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static boolean isApi(String packageName) {
    return packageName.startsWith(ROOT) && API_PACKAGES.contains(packageName.substring(ROOT.length()));
  }

  private static boolean isInternal(String packageName) {
    return packageName.startsWith(ROOT + "internal.") || packageName.equals(ROOT + "internal");
  }

  private static boolean isInternalType(JavaClass type) {
    JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
    return isInternal(base.getPackageName());
  }
}
