package io.github.policyprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.github.policyprobe.internal.objects.ProbeNames;
import org.junit.jupiter.api.Test;

class NeutralTemplateTest {

  @Test
  void meetsTheRestrictedLevelWithRequestsAndLimits() {
    Pod pod = NeutralTemplate.restricted().pod("cap-dac-override");

    assertThat(pod.getMetadata().getName()).isNull();
    assertThat(pod.getMetadata().getGenerateName()).isEqualTo("policyprobe-cap-dac-override-");
    assertThat(pod.getMetadata().getLabels()).containsEntry(NeutralTemplate.PROBE_LABEL, "cap-dac-override");
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    Container container = pod.getSpec().getContainers().get(0);
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
  }

  @Test
  void adjustsLabelsAnnotationsImageResourcesAndServiceAccount() {
    NeutralTemplate template = NeutralTemplate.restricted().withLabel("team", "platform")
        .withAnnotation("owner", "ops").withImage("registry.example.com/pause:3.10")
        .withResources("50m", "32Mi", "200m", "128Mi").withServiceAccount("prober")
        .with(PodChanges.label("extra", "yes"));
    Pod pod = template.pod("x");

    assertThat(pod.getMetadata().getLabels()).containsEntry("team", "platform").containsEntry("extra", "yes");
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("owner", "ops");
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("prober");
    Container container = pod.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example.com/pause:3.10");
    assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("128Mi"));
    // the original is untouched: templates are values
    assertThat(NeutralTemplate.restricted().pod("x").getMetadata().getLabels()).doesNotContainKey("team");
    assertThatThrownBy(() -> NeutralTemplate.restricted().withImage(" "))
        .hasMessage("The neutral template's image must not be empty");
  }

  @Test
  void aDeploymentWrapsThePodAndThePodOfItsTemplateComesBack() {
    Pod pod = NeutralTemplate.restricted().pod("shape");
    Deployment deployment = NeutralTemplate.restricted().deployment(pod);

    assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsEntry(NeutralTemplate.PROBE_LABEL, "shape");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(pod.getMetadata().getLabels());
    Pod back = NeutralTemplate.podOf(deployment);
    assertThat(back.getSpec()).isEqualTo(pod.getSpec());
    assertThat(back.getMetadata().getGenerateName()).isEqualTo("policyprobe-shape-");
  }

  @Test
  void probeNamesAreValidWhateverTheId() {
    assertThat(ProbeNames.generateName("Some_ID with spaces and a very long tail that goes on and on"))
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?-").hasSizeLessThanOrEqualTo(41);
    assertThat(ProbeNames.labelValue("Pod/my.app:v1")).isEqualTo("Pod-my.app-v1");
  }
}
