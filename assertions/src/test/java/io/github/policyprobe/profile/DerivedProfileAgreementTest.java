package io.github.policyprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.internal.evaluation.Expectation;
import io.github.policyprobe.internal.evaluation.NamespaceOutcome;
import io.github.policyprobe.internal.evaluation.ProfileCheck;
import io.github.policyprobe.internal.evaluation.RequirementOutcome;
import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.ProbeRunner;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.probe.NeutralTemplate;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A profile derived from a rendered chart agrees with the chart itself: under Pod Security baseline,
 * restricted and a field allowlist, each workload as rendered is admitted exactly when every field
 * requirement derived from it is, and each denied field's message names the container, volume or
 * field it was derived from. The charts are rendered for real (scripts/render-chart-fixtures.sh):
 * those the tests alone use, and those the shipped profiles derive from.
 */
@PolicyCluster(backend = Backend.LOCAL, manifests = "policies/manifest-agreement/")
class DerivedProfileAgreementTest {
  private static final String SHIPPED = "io/github/policyprobe/charts/";
  private static final List<String> NAMESPACES = List.of("agree-baseline", "agree-restricted", "agree-allowlist");

  @ParameterizedTest
  @ValueSource(strings = {"charts/cilium-1.19.6.yaml", "charts/kyverno-3.9.0.yaml", "charts/gatekeeper-3.23.0.yaml",
      SHIPPED + "cilium-1.20.2.yaml", SHIPPED + "cilium-1.20.2-privileged.yaml", SHIPPED + "longhorn-1.12.1.yaml",
      SHIPPED + "longhorn-1.12.1-runtime.yaml", SHIPPED + "velero-12.1.0-node-agent.yaml",
      SHIPPED + "prometheus-node-exporter-4.56.1.yaml"})
  void eachWorkloadIsAdmittedExactlyWhenAllItsFieldsAre(String chart, Cluster cluster) throws Exception {
    RequirementProfile derived = RequirementProfile.fromManifests(resource(chart));
    ProfileCheck check = new ProfileCheck(new ProbeRunner(cluster.client()), NeutralTemplate.restricted());
    Map<String, List<String>> workloads = workloads(derived);
    List<String> disagreements = new ArrayList<>();
    List<String> unnamed = new ArrayList<>();
    int admittedShapes = 0;
    int deniedShapes = 0;
    for (String namespace : NAMESPACES) {
      NamespaceOutcome outcome = check.run("agreement", derived.installedIn(namespace), Expectation.ADMITTED,
          false, false).namespaces().get(0);
      assertThat(outcome.neutral().orElseThrow().decision()).as("neutral probe in " + namespace)
          .isIn(Decision.ADMITTED, Decision.WARNED);
      Map<String, RequirementOutcome> byId = outcome.requirements().stream()
          .collect(Collectors.toMap(RequirementOutcome::id, r -> r));
      for (Map.Entry<String, List<String>> workload : workloads.entrySet()) {
        RequirementOutcome shape = byId.get(workload.getKey());
        assertThat(shape.verdict().decision()).as(workload.getKey() + " in " + namespace + ": " + shape.verdict().message())
            .isNotEqualTo(Decision.ERROR);
        List<RequirementOutcome> denied = workload.getValue().stream().map(byId::get).filter(r -> !r.met()).toList();
        if (shape.met() != denied.isEmpty()) {
          disagreements.add(namespace + ": " + workload.getKey() + " as rendered " + (shape.met() ? "admitted" : "denied ("
              + shape.verdict().message() + ")") + ", denied fields " + denied.stream().map(RequirementOutcome::id).toList());
        }
        if (shape.met()) {
          admittedShapes++;
        } else {
          deniedShapes++;
        }
        for (RequirementOutcome field : denied) {
          String message = field.verdict().message().toLowerCase(Locale.ROOT);
          if (field.verdict().decision() != Decision.DENIED || namedBy(workload.getKey(), field.id()).stream()
              .noneMatch(token -> message.contains(token.toLowerCase(Locale.ROOT)))) {
            unnamed.add(namespace + ": " + field.id() + " (" + field.verdict().decision() + "): " + field.verdict().message());
          }
        }
      }
    }
    assertThat(disagreements).as("workloads whose verdict disagrees with their fields'").isEmpty();
    assertThat(unnamed).as("field denials that do not name the field's container, volume or setting").isEmpty();
    assertThat(deniedShapes).as("denied workloads (else nothing was tested)").isPositive();
    assertThat(admittedShapes + deniedShapes).isEqualTo(workloads.size() * NAMESPACES.size());
  }

  /** Each workload's shape row, with its field rows. */
  private static Map<String, List<String>> workloads(RequirementProfile profile) {
    Map<String, List<String>> workloads = new TreeMap<>();
    List<String> ids = profile.requirements().stream().map(Requirement::id).toList();
    for (Requirement requirement : profile.requirements()) {
      if (requirement.variants().get(0).rendered() != null) {
        workloads.put(requirement.id(), ids.stream().filter(id -> id.startsWith(requirement.id() + ".")).toList());
      }
    }
    return workloads;
  }

  /**
   * What a denial of {@code id} must mention, one of: its container, its volume (or, for a
   * Bidirectional mount, the privilege it needs), or its pod field.
   */
  private static List<String> namedBy(String workload, String id) {
    String[] parts = id.substring(workload.length() + 1).split("\\.");
    return switch (parts[0]) {
      case "container" -> List.of(parts[1]);
      case "volume" -> id.endsWith(".bidirectional") ? List.of(parts[1], "privileged") : List.of(parts[1]);
      default -> List.of(parts[1].replace("Profile", ""));
    };
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(DerivedProfileAgreementTest.class.getClassLoader().getResource(name).toURI());
  }
}
