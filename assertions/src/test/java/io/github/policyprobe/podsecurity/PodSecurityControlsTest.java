package io.github.policyprobe.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.internal.probe.ProbeRendering;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.ProbeVariant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodSecurityControlsTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static Pod render(ProbeVariant variant) {
    return (Pod) ProbeRendering.render(variant, NeutralTemplate.restricted(), "control", "ns").get(0).object();
  }

  @Test
  void baselineHasItsTenControlsAndRestrictedAddsSix() {
    assertThat(PodSecurityControls.forLevel(PodSecurityLevel.BASELINE)).extracting(PodSecurityControl::id)
        .containsExactly("privileged", "host-namespaces", "host-path-volumes", "host-ports",
            "capabilities-baseline", "apparmor", "selinux", "proc-mount", "sysctls", "seccomp-baseline");
    assertThat(PodSecurityControls.forLevel(PodSecurityLevel.RESTRICTED)).hasSize(16)
        .extracting(PodSecurityControl::id).endsWith("volume-types", "privilege-escalation",
            "run-as-non-root", "run-as-user-root", "capabilities-restricted", "seccomp-restricted");
  }

  /** From 1.35 the standard allows procMount Unmasked in a user namespace, the only place it is accepted. */
  @Test
  void theStandardOfEachVersionHasItsOwnControls() {
    assertThat(PodSecurityControls.forLevel(PodSecurityLevel.BASELINE, "v1.34.4")).extracting(PodSecurityControl::id)
        .contains("proc-mount").hasSize(10);
    assertThat(PodSecurityControls.forLevel(PodSecurityLevel.BASELINE, "v1.35")).extracting(PodSecurityControl::id)
        .doesNotContain("proc-mount").hasSize(9);
    assertThat(PodSecurityControls.forLevel(PodSecurityLevel.RESTRICTED, "v1.37.2+k3s1")).hasSize(15);
    assertThat(PodSecurityControls.forLevel(PodSecurityLevel.RESTRICTED, "not a version")).hasSize(16);
  }

  @Test
  void everyViolationChangesTheNeutralTemplateAndNoTwoAreAlike() {
    String neutral = JSON.asJson(NeutralTemplate.restricted().pod("control"));
    Set<String> seen = new HashSet<>();
    for (PodSecurityControl control : PodSecurityControls.all()) {
      assertThat(control.violations()).as(control.id()).isNotEmpty();
      for (ProbeVariant violation : control.violations()) {
        String json = JSON.asJson(render(violation));
        assertThat(json).as(control.id() + " " + violation.label()).isNotEqualTo(neutral);
        assertThat(seen.add(json)).as("duplicate probe " + violation.label()).isTrue();
      }
    }
  }

  @Test
  void violationsSetWhatTheirLabelSays() {
    List<PodSecurityControl> all = PodSecurityControls.all();
    Pod capabilities = render(find(all, "capabilities-baseline").violations().get(1));
    assertThat(capabilities.getSpec().getContainers().get(0).getSecurityContext().getCapabilities().getAdd())
        .containsExactly("NET_RAW");
    Pod proc = render(find(all, "proc-mount").violations().get(0));
    assertThat(proc.getSpec().getHostUsers()).isFalse(); // the API server accepts Unmasked only so
    assertThat(proc.getSpec().getContainers().get(0).getSecurityContext().getProcMount()).isEqualTo("Unmasked");
    Pod privileged = render(find(all, "privileged").violations().get(0));
    assertThat(privileged.getSpec().getContainers().get(0).getSecurityContext().getPrivileged()).isTrue();
    assertThat(privileged.getSpec().getContainers().get(0).getSecurityContext().getAllowPrivilegeEscalation()).isNull();
    Pod unsetSeccomp = render(find(all, "seccomp-restricted").violations().get(0));
    assertThat(unsetSeccomp.getSpec().getSecurityContext().getSeccompProfile()).isNull();
    Pod root = render(find(all, "run-as-user-root").violations().get(0));
    assertThat(root.getSpec().getSecurityContext().getRunAsUser()).isZero();
    assertThat(root.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
  }

  private static PodSecurityControl find(List<PodSecurityControl> all, String id) {
    return all.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }
}
