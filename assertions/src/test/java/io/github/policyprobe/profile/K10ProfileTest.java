package io.github.policyprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.ProbeRendering;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.ProbeVariant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of k10-requirements.md, its placement, and the fields its probe adds. */
class K10ProfileTest {

  private static Requirement find(RequirementProfile profile, String id) {
    return profile.requirements().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  private static Pod pod(ProbeVariant variant) {
    List<Probe> probes = ProbeRendering.render(variant, NeutralTemplate.restricted(), "k10", "ns");
    return (Pod) probes.get(probes.size() - 1).object();
  }

  private static PodSecurityContext podSecurity(Requirement requirement) {
    return pod(requirement.variants().get(0)).getSpec().getSecurityContext();
  }

  private static Container container(Requirement requirement) {
    return pod(requirement.variants().get(0)).getSpec().getContainers().get(0);
  }

  @Test
  void theDefaultsCheckTheAlwaysNeededRowsAndBundledPrometheus() {
    RequirementProfile profile = K10Profile.installedIn("kasten-io").toProfile();

    assertThat(profile.requirements()).extracting(Requirement::id).containsExactly(
        "cap-dac-override", "cap-fowner", "cap-chown", "uid-gid-1000", "fsgroup-1000",
        "prometheus-ids", "k10-deployment-shape");
    assertThat(profile.plan()).singleElement().satisfies(plan -> {
      assertThat(plan.namespace()).isEqualTo("kasten-io");
      assertThat(plan.roles()).containsExactly(NamespaceRole.INSTALL);
    });
  }

  @Test
  void everyOptionAddsItsRowAndApplicationNamespacesGetTheirShare() {
    RequirementProfile profile = K10Profile.installedIn("kasten-io").protecting("shop", "billing")
        .withStorageSecurityContext(1005, 1006, 2000, 2001).withNfsSupplementalGroup(3000)
        .withGrafana(true).toProfile();

    assertThat(profile.requirements()).extracting(Requirement::id).containsExactly(
        "cap-dac-override", "cap-fowner", "cap-chown", "uid-gid-1000", "fsgroup-1000",
        "prometheus-ids", "grafana-ids", "storage-security-context", "nfs-supplemental-group",
        "k10-deployment-shape");
    assertThat(profile.plan()).extracting(NamespacePlan::namespace).containsExactly("kasten-io", "shop", "billing");
    assertThat(profile.plan().get(0).requirements()).hasSize(10);
    assertThat(profile.plan().get(1).requirements()).extracting(Requirement::id).containsExactly(
        "cap-dac-override", "cap-fowner", "cap-chown", "uid-gid-1000", "fsgroup-1000", "storage-security-context");
    assertThat(profile.requirements()).allSatisfy(r -> assertThat(r.why()).isNotBlank().doesNotContain("\n"));
  }

  @Test
  void withoutPrometheusDropsItsRow() {
    assertThat(K10Profile.installedIn("kasten-io").withoutPrometheus().toProfile().requirements())
        .extracting(Requirement::id).doesNotContain("prometheus-ids");
  }

  @Test
  void eachRowAddsExactlyItsFieldsToTheNeutralTemplate() {
    RequirementProfile profile = K10Profile.installedIn("kasten-io").toProfile();

    assertThat(container(find(profile, "cap-dac-override")).getSecurityContext().getCapabilities())
        .satisfies(c -> {
          assertThat(c.getAdd()).containsExactly("DAC_OVERRIDE");
          assertThat(c.getDrop()).containsExactly("ALL");
        });
    assertThat(container(find(profile, "cap-fowner")).getSecurityContext().getCapabilities().getAdd()).containsExactly("FOWNER");
    assertThat(container(find(profile, "cap-chown")).getSecurityContext().getCapabilities().getAdd()).containsExactly("CHOWN");
    assertThat(podSecurity(find(profile, "uid-gid-1000"))).satisfies(s -> {
      assertThat(s.getRunAsUser()).isEqualTo(1000L);
      assertThat(s.getRunAsGroup()).isEqualTo(1000L);
      assertThat(s.getFsGroup()).isNull();
    });
    assertThat(podSecurity(find(profile, "fsgroup-1000")).getFsGroup()).isEqualTo(1000L);
    assertThat(podSecurity(find(profile, "fsgroup-1000")).getRunAsUser()).isNull();
    assertThat(podSecurity(find(profile, "prometheus-ids"))).satisfies(s -> {
      assertThat(s.getRunAsUser()).isEqualTo(65534L);
      assertThat(s.getRunAsGroup()).isEqualTo(65534L);
      assertThat(s.getFsGroup()).isEqualTo(65534L);
      assertThat(s.getRunAsNonRoot()).isTrue();
    });
  }

  @Test
  void theDeploymentShapeIsSentAsADeploymentAndAsThePodOfItsTemplate() {
    Requirement shape = find(K10Profile.installedIn("kasten-io").toProfile(), "k10-deployment-shape");
    List<Probe> probes = ProbeRendering.render(shape.variants().get(0), NeutralTemplate.restricted(), shape.id(), "kasten-io");

    assertThat(probes).extracting(Probe::subject).containsExactly("Deployment", "Pod of the Deployment's template");
    Deployment deployment = (Deployment) probes.get(0).object();
    PodSecurityContext security = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
    assertThat(security.getRunAsUser()).isEqualTo(1000L);
    assertThat(security.getFsGroup()).isEqualTo(1000L);
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(((Pod) probes.get(1).object()).getSpec()).isEqualTo(deployment.getSpec().getTemplate().getSpec());
  }

  @Test
  void grafanaWithPersistenceAlsoProbesItsRootInitContainer() {
    Requirement without = find(K10Profile.installedIn("k").withGrafana(false).toProfile(), "grafana-ids");
    assertThat(without.variants()).hasSize(1);
    assertThat(podSecurity(without).getRunAsUser()).isEqualTo(472L);

    Requirement with = find(K10Profile.installedIn("k").withGrafana(true).toProfile(), "grafana-ids");
    assertThat(with.variants()).hasSize(2);
    Pod init = pod(with.variants().get(1));
    assertThat(init.getSpec().getSecurityContext().getFsGroup()).isEqualTo(472L);
    assertThat(init.getSpec().getInitContainers()).singleElement().satisfies(c -> {
      assertThat(c.getName()).isEqualTo("init-chown-data");
      assertThat(c.getSecurityContext().getRunAsUser()).isZero();
      assertThat(c.getSecurityContext().getRunAsNonRoot()).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getAdd()).containsExactly("CHOWN");
    });
  }

  @Test
  void theStorageSecurityContextProbesEachIdOnItsOwn() {
    Requirement ssc = find(K10Profile.installedIn("k").withStorageSecurityContext(1005, 1006, 2000, 2001)
        .toProfile(), "storage-security-context");

    assertThat(ssc.variants()).extracting(ProbeVariant::label).containsExactly(
        "runAsUser 1005, runAsGroup 1006", "fsGroup 1006", "fsGroup 2000", "fsGroup 2001");
    assertThat(pod(ssc.variants().get(0)).getSpec().getSecurityContext().getRunAsGroup()).isEqualTo(1006L);
    assertThat(pod(ssc.variants().get(3)).getSpec().getSecurityContext().getFsGroup()).isEqualTo(2001L);
    assertThat(pod(ssc.variants().get(3)).getSpec().getSecurityContext().getRunAsUser()).isNull();
  }

  @Test
  void theNfsGroupIsASupplementalGroupInTheInstallNamespace() {
    Requirement nfs = find(K10Profile.installedIn("k").withNfsSupplementalGroup(3000).toProfile(), "nfs-supplemental-group");
    assertThat(nfs.where()).isEqualTo(Placement.INSTALL_NAMESPACE);
    assertThat(podSecurity(nfs).getSupplementalGroups()).containsExactly(3000L);
  }

  @Test
  void badOptionsAreRefused() {
    assertThatThrownBy(() -> K10Profile.installedIn("k").withNfsSupplementalGroup(-1))
        .hasMessage("NFS supplemental group must be between 0 and 2147483647, not -1");
    assertThatThrownBy(() -> K10Profile.installedIn("Kasten IO").toProfile())
        .hasMessageContaining("'Kasten IO' is not a namespace name");
  }
}
