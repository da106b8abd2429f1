package io.github.policyprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
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
  void listsEachChangedOrRemovedFieldAsRequestedToReturned() {
    Pod returned = JSON.clone(requested());
    returned.getSpec().getSecurityContext().setRunAsUser(2000L);
    returned.getSpec().getSecurityContext().setFsGroup(null);
    returned.getSpec().getSecurityContext().setSupplementalGroups(List.of(4000L, 3000L)); // order only
    var container = returned.getSpec().getContainers().get(0).getSecurityContext();
    container.getCapabilities().setAdd(List.of("CHOWN"));
    container.setAllowPrivilegeEscalation(true);
    container.getSeccompProfile(); // the template sets seccomp on the pod, not here

    assertThat(MutationDetector.changes(requested(), returned)).containsExactly(
        new FieldChange("spec.securityContext.runAsUser", "1000", "2000"),
        new FieldChange("spec.securityContext.fsGroup", "1000", "(removed)"),
        new FieldChange("spec.containers[probe].securityContext.capabilities.add", "[CHOWN, DAC_OVERRIDE]", "[CHOWN]"),
        new FieldChange("spec.containers[probe].securityContext.allowPrivilegeEscalation", "false", "true"));
  }

  @Test
  void fieldsTheProbeDidNotAskForMayBeAdded() {
    Pod returned = JSON.clone(requested());
    returned.getSpec().getSecurityContext().setRunAsGroup(3000L);
    assertThat(MutationDetector.changes(requested(), returned)).isEmpty();
  }

  @Test
  void aRemovedContainerLosesEveryFieldItAskedFor() {
    Pod returned = JSON.clone(requested());
    returned.getSpec().getContainers().get(0).setName("renamed");
    assertThat(MutationDetector.changes(requested(), returned))
        .extracting(FieldChange::returned).containsOnly("(removed)");
  }

  @Test
  void aDeploymentIsComparedOnItsPodTemplate() {
    Deployment requested = NeutralTemplate.restricted().deployment(requested());
    Deployment returned = JSON.clone(requested);
    returned.getSpec().getTemplate().getSpec().getSecurityContext().setSeccompProfile(null);

    assertThat(MutationDetector.changes(requested, returned)).containsExactly(
        new FieldChange("spec.template.spec.securityContext.seccompProfile", "RuntimeDefault", "(removed)"));
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
