package io.github.policyprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.ProbeRendering;
import io.github.policyprobe.probe.NeutralTemplate;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deriving requirements from rendered manifests, without a cluster: what each probe carries. */
class ManifestProfilesTest {
  @TempDir
  Path folder;

  private static final String AGENT = """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, namespace: tools}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
            initContainers:
              - name: setup
                image: example.org/setup:1
                securityContext:
                  runAsUser: 0
                  runAsNonRoot: false
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  capabilities: {drop: [ALL], add: [CHOWN]}
              - name: shipper
                image: example.org/shipper:1
                restartPolicy: Always
                securityContext:
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
            containers:
              - name: agent
                image: example.org/agent:1
                securityContext:
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  capabilities: {drop: [ALL], add: [NET_ADMIN, SYS_TIME]}
                  fancyNewControl: true
                volumeMounts:
                  - {name: data, mountPath: /data, mountPropagation: Bidirectional}
            volumes:
              - {name: data, hostPath: {path: /var/lib/agent, type: DirectoryOrCreate}}
      """;

  private Path write(String name, String yaml) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  private static Pod podOf(RequirementProfile profile, String id) {
    List<Probe> probes = probes(profile, id);
    return (Pod) probes.get(probes.size() - 1).object();
  }

  private static List<Probe> probes(RequirementProfile profile, String id) {
    Requirement requirement = profile.requirements().stream().filter(r -> r.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no requirement " + id + " in " + profile.requirements().stream()
            .map(Requirement::id).toList()));
    return ProbeRendering.render(requirement.variants().get(0), NeutralTemplate.restricted(), id, "ns");
  }

  private static Container named(Pod pod, String name) {
    return java.util.stream.Stream.concat(
            pod.getSpec().getInitContainers() == null ? java.util.stream.Stream.empty() : pod.getSpec().getInitContainers().stream(),
            pod.getSpec().getContainers().stream())
        .filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void eachCapabilityIsProbedInItsOwnContainerAndList() throws IOException {
    RequirementProfile profile = RequirementProfile.fromManifests(write("agent.yaml", AGENT));

    assertThat(profile.name()).isEqualTo("agent");
    assertThat(profile.installNamespace()).isEqualTo("tools");
    Pod chown = podOf(profile, "daemonset.agent.container.setup.capabilities.add.CHOWN");
    assertThat(chown.getSpec().getInitContainers()).extracting(Container::getName).containsExactly("setup");
    assertThat(named(chown, "setup").getSecurityContext().getCapabilities().getAdd()).containsExactly("CHOWN");
    assertThat(chown.getSpec().getContainers().get(0).getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();

    Pod netAdmin = podOf(profile, "daemonset.agent.container.agent.capabilities.add.NET_ADMIN");
    assertThat(netAdmin.getSpec().getInitContainers()).isNullOrEmpty();
    assertThat(named(netAdmin, "agent").getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_ADMIN");

    Pod sidecar = podOf(profile, "daemonset.agent.container.shipper.capabilities.add.NET_BIND_SERVICE");
    assertThat(named(sidecar, "shipper").getRestartPolicy()).isEqualTo("Always");
    assertThat(profile.requirements()).extracting(Requirement::why)
        .contains("DaemonSet agent: sidecar container shipper adds capability NET_BIND_SERVICE");
  }

  @Test
  void rootInAnInitContainerKeepsEveryOtherContainerNonRoot() throws IOException {
    Pod root = podOf(RequirementProfile.fromManifests(write("agent.yaml", AGENT)), "daemonset.agent.container.setup.runAsUser");

    assertThat(named(root, "setup").getSecurityContext().getRunAsUser()).isZero();
    assertThat(named(root, "setup").getSecurityContext().getRunAsNonRoot()).isNull();
    assertThat(root.getSpec().getSecurityContext().getRunAsNonRoot()).isNull();
    assertThat(root.getSpec().getContainers().get(0).getSecurityContext().getRunAsNonRoot()).isTrue();
  }

  @Test
  void aBidirectionalMountCarriesItsPrivilegeAndTheHostPathIsAlsoProbedAlone() throws IOException {
    RequirementProfile profile = RequirementProfile.fromManifests(write("agent.yaml", AGENT));

    Pod alone = podOf(profile, "daemonset.agent.volume.data");
    assertThat(alone.getSpec().getVolumes().get(0).getHostPath().getPath()).isEqualTo("/var/lib/agent");
    Container agent = named(alone, "agent");
    assertThat(agent.getVolumeMounts().get(0).getMountPropagation()).isNull();
    assertThat(agent.getSecurityContext().getPrivileged()).isNull();

    Pod shared = podOf(profile, "daemonset.agent.volume.data.bidirectional");
    assertThat(named(shared, "agent").getVolumeMounts().get(0).getMountPropagation()).isEqualTo("Bidirectional");
    assertThat(named(shared, "agent").getSecurityContext().getPrivileged()).isTrue();
    assertThat(named(shared, "agent").getSecurityContext().getAllowPrivilegeEscalation()).isNull();
  }

  @Test
  void aFieldPolicyprobeDoesNotKnowIsNamedNotDropped() throws IOException {
    Path file = write("agent.yaml", AGENT);
    RequirementProfile profile = RequirementProfile.fromManifests(file);

    assertThat(profile.notes()).singleElement().asString()
        .contains(file.toString(), "DaemonSet", "agent",
            "spec.template.spec.containers[agent].securityContext.fancyNewControl",
            "only the row daemonset.agent (the workload as rendered) checks it");
  }

  @Test
  void theWorkloadAsRenderedIsSentWithoutWhatOnlyAStoredObjectHas() throws IOException {
    String stored = """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata:
              name: web-7d9f
              namespace: shop
              uid: 4a1b
              resourceVersion: "812"
              creationTimestamp: "2026-01-01T00:00:00Z"
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d, uid: 99}]
            spec:
              serviceAccountName: web
              priorityClassName: shop-critical
              priority: 1000
              nodeName: node-1
              containers: [{name: web, image: example.org/web:1}]
            status: {phase: Running}
        """;
    RequirementProfile profile = RequirementProfile.fromManifests(write("pods.yaml", stored));

    Pod pod = (Pod) probes(profile, "pod.web-7d9f").get(0).object();
    assertThat(pod.getMetadata().getName()).isNull();
    assertThat(pod.getMetadata().getGenerateName()).startsWith("policyprobe-web-7d9f");
    assertThat(pod.getMetadata().getResourceVersion()).isNull();
    assertThat(pod.getMetadata().getUid()).isNull();
    assertThat(pod.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(pod.getMetadata().getLabels()).containsKey(NeutralTemplate.PROBE_LABEL);
    assertThat(pod.getStatus()).isNull();
    assertThat(pod.getSpec().getServiceAccountName()).isNull();
    assertThat(pod.getSpec().getPriorityClassName()).isNull();
    assertThat(pod.getSpec().getPriority()).isNull();
    assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("example.org/web:1");
    assertThat(profile.requirements()).extracting(Requirement::id)
        .contains("pod.web-7d9f.container.web.runAsNonRoot", "pod.web-7d9f.container.web.allowPrivilegeEscalation",
            "pod.web-7d9f.container.web.seccompProfile", "pod.web-7d9f.container.web.capabilities.drop",
            "pod.web-7d9f.container.web.readOnlyRootFilesystem");
  }

  @Test
  void jobsAndCronJobsAreProbedAsJobsWithTheirRestartPolicy() throws IOException {
    String jobs = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
          annotations: {helm.sh/hook: pre-install}
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              securityContext: {runAsUser: 1000}
              containers: [{name: migrate, image: example.org/migrate:1}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report}
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  hostNetwork: true
                  containers: [{name: report, image: example.org/report:1}]
        """;
    RequirementProfile profile = RequirementProfile.fromManifests(write("jobs.yaml", jobs));

    HasMetadata job = probes(profile, "job.migrate.pod.runAsUser").get(0).object();
    assertThat(job).isInstanceOf(Job.class);
    assertThat(((Job) job).getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("OnFailure");
    assertThat(profile.requirements()).filteredOn(r -> r.id().equals("job.migrate")).singleElement()
        .extracting(Requirement::why).asString().startsWith("Job migrate (Helm hook pre-install) as rendered");
    assertThat(probes(profile, "cronjob.report.pod.hostNetwork").get(0).object()).isInstanceOf(CronJob.class);
    assertThat(podOf(profile, "cronjob.report.pod.hostNetwork").getSpec().getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void idsDoNotDependOnImagesSoAnUpgradeDiffShowsOnlyWhatChanged() throws IOException {
    RequirementProfile older = RequirementProfile.fromManifests(write("old.yaml", AGENT));
    RequirementProfile newer = RequirementProfile.fromManifests(write("new.yaml", AGENT
        .replace("example.org/agent:1", "example.org/agent:2")
        .replace("add: [NET_ADMIN, SYS_TIME]", "add: [NET_ADMIN, BPF]")
        .replace("runAsUser: 0", "runAsUser: 1000")));

    ProfileDiff diff = RequirementProfile.diff(older, newer);
    assertThat(diff.added()).extracting(Requirement::id).containsExactly("daemonset.agent.container.agent.capabilities.add.BPF");
    assertThat(diff.dropped()).extracting(Requirement::id).containsExactly("daemonset.agent.container.agent.capabilities.add.SYS_TIME");
    assertThat(diff.changed()).extracting(ProfileDiff.Change::id).containsExactly("daemonset.agent.container.setup.runAsUser");
    assertThat(diff.toString()).contains("~ daemonset.agent.container.setup.runAsUser: DaemonSet agent: init container setup"
        + " runs as UID 0 -> DaemonSet agent: init container setup runs as UID 1000");
    assertThat(RequirementProfile.diff(older, older).isEmpty()).isTrue();
  }

  @Test
  void ciliumsChartUpgradeAddsHostUsers() throws URISyntaxException {
    RequirementProfile older = RequirementProfile.fromManifests(resource("charts/cilium-1.19.6.yaml"));
    RequirementProfile newer = RequirementProfile.fromManifests(resource("io/github/policyprobe/charts/cilium-1.20.2.yaml"));

    assertThat(RequirementProfile.diff(older, newer).added()).extracting(Requirement::id)
        .contains("daemonset.cilium.pod.hostUsers");
  }

  @Test
  void kubectlGetOutputProbesEachOwnerOnceAndSameNamesInTwoNamespacesApart() throws IOException {
    String kubectlGetAll = """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: example.org/web:1}]}
          - apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-7d9f
              namespace: shop
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1, controller: true}]
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: example.org/web:1}]}
          - apiVersion: v1
            kind: Pod
            metadata:
              name: web-7d9f-x2k9q
              namespace: shop
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, uid: u2, controller: true}]
            spec: {containers: [{name: web, image: example.org/web:1}]}
          - apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: billing}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: example.org/web:1}]}
          - apiVersion: batch/v1
            kind: Job
            metadata: {generateName: migrate-, namespace: shop}
            spec:
              template:
                spec: {restartPolicy: Never, containers: [{name: migrate, image: example.org/migrate:1}]}
        """;
    RequirementProfile profile = RequirementProfile.fromManifests(write("all.yaml", kubectlGetAll));

    assertThat(profile.requirements()).extracting(Requirement::id)
        .contains("deployment.shop.web", "deployment.billing.web", "job.migrate")
        .noneMatch(id -> id.startsWith("replicaset.") || id.startsWith("pod."));
    assertThat(profile.notes()).anySatisfy(note -> assertThat(note)
        .contains("ReplicaSet \"shop/web-7d9f\"", "not probed on its own: Deployment/shop/web"));
    assertThat(profile.notes()).anySatisfy(note -> assertThat(note)
        .contains("Pod \"shop/web-7d9f-x2k9q\"", "ReplicaSet/shop/web-7d9f"));
  }

  @Test
  void aWorkloadOfAnApiVersionNoLongerServedIsNamed() throws IOException {
    Path file = write("old.yaml", AGENT + "---\napiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: legacy}\n"
        + "spec: {template: {spec: {containers: [{name: c, image: example.org/c:1}]}}}\n");
    RequirementProfile profile = RequirementProfile.fromManifests(file);

    assertThat(profile.requirements()).extracting(Requirement::id).noneMatch(id -> id.contains("legacy"));
    assertThat(profile.notes()).anySatisfy(note -> assertThat(note)
        .contains("old.yaml, document 2", "Deployment \"legacy\"", "extensions/v1beta1 is not an API version"));
  }

  @Test
  void badInputNamesTheFileTheObjectAndWhatIsWrong() throws IOException {
    Path missing = folder.resolve("nope.yaml");
    assertThatThrownBy(() -> RequirementProfile.fromManifests(missing))
        .isInstanceOf(ProfileFormatException.class).hasMessageContaining("nope.yaml").hasMessageContaining("not found");
    Path services = write("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n");
    assertThatThrownBy(() -> RequirementProfile.fromManifests(services))
        .hasMessageContaining("svc.yaml").hasMessageContaining("no Pod, Deployment, DaemonSet");
    Path empty = write("empty.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
        + "spec: {selector: {matchLabels: {a: b}}, template: {spec: {containers: []}}}\n");
    assertThatThrownBy(() -> RequirementProfile.fromManifests(empty))
        .hasMessageContaining("empty.yaml, document 1 (line 1): apps/v1 Deployment \"web\": spec.template.spec has no containers");
    Path malformed = write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: [\n");
    assertThatThrownBy(() -> RequirementProfile.fromManifests(malformed))
        .hasMessageContaining("bad.yaml: malformed YAML at line");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ManifestProfilesTest.class.getClassLoader().getResource(name).toURI());
  }
}
