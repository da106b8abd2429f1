package io.github.policyprobe.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.PodChanges;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MutationDetectorTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static Pod requested() {
    Pod pod = NeutralTemplate.restricted().pod("mutation");
    PodChanges.runAsUser(1000).andThen(PodChanges.fsGroup(1000)).andThen(PodChanges.supplementalGroups(3000, 4000))
        .andThen(PodChanges.addCapabilities("DAC_OVERRIDE", "CHOWN")).applyTo(pod);
    return pod;
  }

  @Test
  void anUnchangedObjectHasNoChanges() {
    Pod pod = requested();
    assertThat(MutationDetector.changes(pod, JSON.clone(pod))).isEmpty();
  }

  @Test
  void listsEachChangedOrRemovedSettingAsRequestedToReturned() {
    Pod returned = JSON.clone(requested());
    returned.getSpec().getSecurityContext().setRunAsUser(2000L);
    returned.getSpec().getSecurityContext().setFsGroup(null);
    returned.getSpec().getSecurityContext().setSupplementalGroups(List.of(4000L, 3000L)); // order only
    var container = returned.getSpec().getContainers().get(0).getSecurityContext();
    container.getCapabilities().setAdd(List.of("CHOWN"));
    container.setAllowPrivilegeEscalation(true);

    assertThat(MutationDetector.changes(requested(), returned)).containsExactly(
        new FieldChange("pod", "fsGroup", "1000", "(removed)", ""),
        new FieldChange("container probe", "effective runAsUser", "1000", "2000", "pod-level runAsUser changed 1000 -> 2000"),
        new FieldChange("container probe", "capabilities", "[CHOWN, DAC_OVERRIDE]", "[CHOWN]",
            "capabilities.add changed [CHOWN, DAC_OVERRIDE] -> [CHOWN]"),
        new FieldChange("container probe", "allowPrivilegeEscalation", "false", "true", ""));
  }

  @Test
  void aContainerLevelFieldOverridesThePodLevelOneTheProbeSent() {
    Pod returned = JSON.clone(requested());
    returned.getSpec().getContainers().get(0).getSecurityContext().setRunAsUser(10001L);

    assertThat(MutationDetector.changes(requested(), returned)).containsExactly(new FieldChange(
        "container probe", "effective runAsUser", "1000", "10001", "container-level runAsUser added"));
    assertThat(MutationDetector.changes(requested(), returned).get(0))
        .hasToString("container probe: effective runAsUser 1000 -> 10001 (container-level runAsUser added)");
  }

  @Test
  void aContainerLevelValueEqualToThePodLevelOneChangesNothing() {
    Pod returned = JSON.clone(requested());
    returned.getSpec().getContainers().get(0).getSecurityContext().setRunAsUser(1000L);
    returned.getSpec().getContainers().get(0).getSecurityContext().setSeccompProfile(
        new SeccompProfileBuilder().withType("RuntimeDefault").build());
    assertThat(MutationDetector.changes(requested(), returned)).isEmpty();
  }

  @Test
  void aContainerLevelSeccompOrNonRootOverrideIsAChange() {
    Pod returned = JSON.clone(requested());
    var security = returned.getSpec().getContainers().get(0).getSecurityContext();
    security.setSeccompProfile(new SeccompProfileBuilder().withType("Unconfined").build());
    security.setRunAsNonRoot(false);

    assertThat(MutationDetector.changes(requested(), returned)).extracting(FieldChange::toString)
        .containsExactly(
            "container probe: effective runAsNonRoot true -> false (container-level runAsNonRoot added)",
            "container probe: effective seccompProfile RuntimeDefault -> Unconfined (container-level seccompProfile added)");
  }

  @Test
  void initContainersAreJudgedToo() {
    Pod asked = requested();
    PodChanges.rootInitContainer("init-chown-data", "CHOWN").applyTo(asked);
    Pod returned = JSON.clone(asked);
    returned.getSpec().getInitContainers().get(0).getSecurityContext().setRunAsUser(472L);

    assertThat(MutationDetector.changes(asked, returned)).extracting(FieldChange::toString)
        .containsExactly("init container init-chown-data: effective runAsUser 0 -> 472"
            + " (container-level runAsUser changed 0 -> 472)");
  }

  @Test
  void aCapabilityDroppedByNameIsLostEvenThoughItIsStillAdded() {
    Pod returned = JSON.clone(requested());
    returned.getSpec().getContainers().get(0).getSecurityContext().getCapabilities()
        .setDrop(List.of("ALL", "DAC_OVERRIDE"));

    assertThat(MutationDetector.changes(requested(), returned)).containsExactly(new FieldChange(
        "container probe", "capabilities", "[CHOWN, DAC_OVERRIDE]", "[CHOWN]",
        "capabilities.drop changed [ALL] -> [ALL, DAC_OVERRIDE]"));
  }

  @Test
  void holdingMoreThanWasAskedTakesNothingAway() {
    Pod returned = JSON.clone(requested());
    var container = returned.getSpec().getContainers().get(0).getSecurityContext();
    container.getCapabilities().setDrop(List.of()); // runtime defaults plus the added ones
    container.getCapabilities().setAdd(List.of("DAC_OVERRIDE", "CHOWN", "NET_BIND_SERVICE"));
    returned.getSpec().getSecurityContext().setSupplementalGroups(List.of(3000L, 4000L, 5000L));
    assertThat(MutationDetector.changes(requested(), returned)).isEmpty();
  }

  @Test
  void effectiveCapabilitiesFollowTheRuntime() {
    Pod pod = requested();
    Container container = pod.getSpec().getContainers().get(0);
    assertThat(EffectiveSecurity.capabilitiesHeld(container)).containsExactly("CHOWN", "DAC_OVERRIDE");
    container.getSecurityContext().getCapabilities().setDrop(List.of("cap_chown"));
    assertThat(EffectiveSecurity.capabilitiesHeld(container))
        .contains("DAC_OVERRIDE", "FOWNER", "KILL").doesNotContain("CHOWN", "SYS_ADMIN");
    container.getSecurityContext().setPrivileged(true);
    assertThat(EffectiveSecurity.capabilitiesHeld(container)).containsExactly("ALL");
  }

  @Test
  void fieldsTheProbeDidNotAskForMayBeAdded() {
    Pod returned = JSON.clone(requested());
    returned.getSpec().getSecurityContext().setRunAsGroup(3000L);
    returned.getSpec().getContainers().get(0).getSecurityContext().setRunAsGroup(3001L);
    returned.getMetadata().setLabels(Map.of("mutated", "yes"));
    returned.getSpec().getContainers().get(0).getResources().setLimits(Map.of());
    assertThat(MutationDetector.changes(requested(), returned)).isEmpty();
  }

  @Test
  void aRemovedContainerIsOneChange() {
    Pod returned = JSON.clone(requested());
    returned.getSpec().getContainers().get(0).setName("renamed");
    assertThat(MutationDetector.changes(requested(), returned)).containsExactly(
        new FieldChange("container probe", "container", "present", "(removed)", ""));
  }

  @Test
  void aDeploymentIsComparedOnItsPodTemplate() {
    Deployment requested = NeutralTemplate.restricted().deployment(requested());
    Deployment returned = JSON.clone(requested);
    returned.getSpec().getTemplate().getSpec().getSecurityContext().setSeccompProfile(null);

    assertThat(MutationDetector.changes(requested, returned)).containsExactly(new FieldChange(
        "container probe", "effective seccompProfile", "RuntimeDefault", "(removed)",
        "pod-level seccompProfile removed"));
  }

  @Test
  void namesKyvernoFromItsPatchAnnotation() {
    Pod returned = JSON.clone(requested());
    returned.getMetadata().setAnnotations(Map.of("policies.kyverno.io/last-applied-patches",
        "set-uid.force-user-ids.kyverno.io: replaced /spec/securityContext/runAsUser\n"));

    assertThat(MutationDetector.mutator(returned)).contains(new Attribution(Engine.KYVERNO,
        "force-user-ids", "set-uid", "set-uid.force-user-ids.kyverno.io: replaced /spec/securityContext/runAsUser"));
  }

  @Test
  void namesGatekeeperAndOpenShiftFromTheirAnnotations() {
    Pod gatekeeper = JSON.clone(requested());
    gatekeeper.getMetadata().setAnnotations(Map.of("gatekeeper.sh/mutations", "Assign//force-uid:1"));
    assertThat(MutationDetector.mutator(gatekeeper).orElseThrow().describe())
        .isEqualTo("Gatekeeper 'Assign//force-uid:1'");

    Pod openshift = JSON.clone(requested());
    openshift.getMetadata().setAnnotations(Map.of("openshift.io/scc", "restricted-v2"));
    assertThat(MutationDetector.mutator(openshift).orElseThrow().engine()).isEqualTo(Engine.OPENSHIFT_SCC);
  }

  @Test
  void namesAFieldManagerOtherThanTheProbesOwn() {
    Pod returned = JSON.clone(requested());
    ManagedFieldsEntry ours = new ManagedFieldsEntry();
    ours.setManager(MutationDetector.FIELD_MANAGER);
    ManagedFieldsEntry theirs = new ManagedFieldsEntry();
    theirs.setManager("uid-fixer");
    returned.getMetadata().setManagedFields(List.of(ours, theirs));
    assertThat(MutationDetector.mutator(returned).orElseThrow().policy()).isEqualTo("uid-fixer");

    returned.getMetadata().setManagedFields(List.of(ours));
    assertThat(MutationDetector.mutator(returned)).isEmpty();
  }
}
