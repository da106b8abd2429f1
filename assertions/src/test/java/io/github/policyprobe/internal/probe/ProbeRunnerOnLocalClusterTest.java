package io.github.policyprobe.internal.probe;

import static io.github.policyprobe.probe.PodChanges.addCapabilities;
import static io.github.policyprobe.probe.PodChanges.runAsUser;
import static io.github.policyprobe.support.TestObjects.deployment;
import static io.github.policyprobe.support.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.PodChange;
import io.github.policyprobe.support.VerdictCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each verdict, produced by a real policy on the local control plane. */
@VerdictCluster
class ProbeRunnerOnLocalClusterTest {

  private static Verdict send(Cluster cluster, String namespace, io.fabric8.kubernetes.api.model.HasMetadata object) {
    return new ProbeRunner(cluster.client()).run(new Probe("test", "", object.getKind(), namespace, object));
  }

  @Test
  void podSecurityEnforceLabelDenies(Cluster cluster) {
    Verdict verdict = send(cluster, "ps-enforce", pod("cap", addCapabilities("DAC_OVERRIDE")));

    assertThat(verdict.decision()).isEqualTo(Decision.DENIED);
    assertThat(verdict.httpStatus()).isEqualTo(403);
    assertThat(verdict.attribution()).isEqualTo(new Attribution(Engine.POD_SECURITY, "restricted:latest",
        "unrestricted capabilities", "unrestricted capabilities (container \"probe\" must not include"
            + " \"DAC_OVERRIDE\" in securityContext.capabilities.add)"));
  }

  @Test
  void podSecurityWarnLabelWarns(Cluster cluster) {
    Verdict verdict = send(cluster, "ps-warn", pod("cap", addCapabilities("FOWNER")));

    assertThat(verdict.decision()).isEqualTo(Decision.WARNED);
    assertThat(verdict.httpStatus()).isEqualTo(201);
    assertThat(verdict.warnings()).containsExactly("would violate PodSecurity \"restricted:latest\":"
        + " unrestricted capabilities (container \"probe\" must not include \"FOWNER\" in"
        + " securityContext.capabilities.add)");
    assertThat(verdict.attribution().engine()).isEqualTo(Engine.POD_SECURITY);
  }

  @Test
  void validatingAdmissionPolicyWithDenyDenies(Cluster cluster) {
    Verdict verdict = send(cluster, "vap-deny", pod("uid", runAsUser(1000)));

    assertThat(verdict.decision()).isEqualTo(Decision.DENIED);
    assertThat(verdict.httpStatus()).isEqualTo(422);
    assertThat(verdict.attribution()).isEqualTo(new Attribution(Engine.VALIDATING_ADMISSION_POLICY,
        "uid-range", "uid-range-deny", "pods must run as a UID of 10000 or more"));
  }

  @Test
  void validatingAdmissionPolicyWithWarnWarns(Cluster cluster) {
    Verdict verdict = send(cluster, "vap-warn", pod("uid", runAsUser(1000)));

    assertThat(verdict.decision()).isEqualTo(Decision.WARNED);
    assertThat(verdict.attribution()).isEqualTo(new Attribution(Engine.VALIDATING_ADMISSION_POLICY,
        "uid-range", "uid-range-warn", "pods must run as a UID of 10000 or more"));
  }

  @Test
  void mutatingAdmissionPolicyThatRewritesTheUidMutates(Cluster cluster) {
    Verdict verdict = send(cluster, "map-mutate", pod("uid", runAsUser(1000)));

    assertThat(verdict.decision()).isEqualTo(Decision.MUTATED);
    assertThat(verdict.changes()).containsExactly(
        new FieldChange("container probe", "effective runAsUser", "1000", "2000",
            "pod-level runAsUser changed 1000 -> 2000"));
  }

  @Test
  void aPodTheMutatingPolicyDoesNotMatchIsAdmittedUnchanged(Cluster cluster) {
    Verdict verdict = send(cluster, "map-mutate", pod("plain", PodChange.none()));

    assertThat(verdict.decision()).isEqualTo(Decision.ADMITTED);
    assertThat(verdict.warnings()).isEmpty();
  }

  @Test
  void anUnreachableWebhookThatFailsClosedGivesNoDecision(Cluster cluster) {
    long start = System.nanoTime();
    Verdict verdict = send(cluster, "webhook-down", pod("plain", PodChange.none()));

    assertThat(verdict.decision()).isEqualTo(Decision.ERROR);
    assertThat(verdict.httpStatus()).isEqualTo(500);
    assertThat(verdict.attribution().engine()).isEqualTo(Engine.WEBHOOK);
    assertThat(verdict.attribution().policy()).isEqualTo("unreachable.policyprobe.test");
    assertThat(verdict.message()).contains("failed calling webhook");
    // No client-side retries of the 500: one answer is the verdict.
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
  }

  @Test
  void aMissingNamespaceGivesNoDecision(Cluster cluster) {
    Verdict verdict = send(cluster, "no-such-namespace", pod("plain", PodChange.none()));

    assertThat(verdict.decision()).isEqualTo(Decision.ERROR);
    assertThat(verdict.httpStatus()).isEqualTo(404);
    assertThat(verdict.message()).isEqualTo("namespaces \"no-such-namespace\" not found");
  }

  @Test
  void aDeploymentIsOnlyWarnedByPodSecurityWhileThePodOfItsTemplateIsDenied(Cluster cluster) {
    var deployment = deployment("shape", addCapabilities("SYS_ADMIN"));
    List<Verdict> verdicts = new ProbeRunner(cluster.client()).runAll(List.of(
        new Probe("d", "", "Deployment", "ps-enforce", deployment),
        new Probe("d", "", "Pod", "ps-enforce", NeutralTemplate.podOf(deployment))));

    assertThat(verdicts.get(0).decision()).isEqualTo(Decision.WARNED);
    assertThat(verdicts.get(1).decision()).isEqualTo(Decision.DENIED);
  }

  @Test
  void manyProbesInParallelEachKeepTheirOwnWarnings(Cluster cluster) {
    List<Probe> probes = new java.util.ArrayList<>();
    List<String> capabilities = List.of("DAC_OVERRIDE", "FOWNER", "CHOWN", "SETUID", "SETGID", "KILL");
    for (int round = 0; round < 5; round++) {
      for (String capability : capabilities) {
        probes.add(new Probe(capability, "", "Pod", "ps-warn", pod(capability, addCapabilities(capability))));
      }
    }
    List<Verdict> verdicts = new ProbeRunner(cluster.client()).runAll(probes);

    for (int i = 0; i < probes.size(); i++) {
      String capability = probes.get(i).requirementId();
      assertThat(verdicts.get(i).warnings()).singleElement().asString()
          .contains("must not include \"" + capability + "\"");
    }
  }

  @Test
  void nothingAProbeSendsIsPersisted(Cluster cluster) {
    send(cluster, "k10-ok", pod("persist", PodChange.none()));
    send(cluster, "k10-ok", deployment("persist", PodChange.none()));

    assertThat(cluster.client().pods().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(cluster.client().apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void otherKindsTypedGenericOrClusterScopedAreProbedToo(Cluster cluster) {
    var configMap = new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withGenerateName("policyprobe-cm-").endMetadata().addToData("a", "b").build();
    var cmVerdict = send(cluster, "k10-ok", configMap);
    assertThat(cmVerdict.decision()).as(cmVerdict.toString()).isEqualTo(Decision.ADMITTED);

    var generic = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
        .withApiVersion("v1").withKind("ConfigMap").build(); // no metadata: a generated name is used
    assertThat(send(cluster, "k10-ok", generic).decision()).isEqualTo(Decision.ADMITTED);

    var namespace = new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata().withGenerateName("policyprobe-ns-").endMetadata().build();
    assertThat(send(cluster, "k10-ok", namespace).decision()).isEqualTo(Decision.ADMITTED);

    var unserved = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
        .withApiVersion("widgets.example.com/v1").withKind("Widget").build();
    Verdict verdict = send(cluster, "k10-ok", unserved);
    assertThat(verdict.decision()).isEqualTo(Decision.ERROR);
    assertThat(verdict.message()).isEqualTo("could not send a dry-run of Widget to namespace k10-ok:"
        + " The API server does not serve widgets.example.com/v1 (asked for kind Widget)");
  }
}
