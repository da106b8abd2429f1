package io.github.policyprobe.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pod spec fields policyprobe knows, level by level: each is either turned into a
 * requirement of its own or known to be neutral to admission policies (image, resources, env,
 * scheduling). A field outside these sets is reported by its path, never silently dropped:
 * Kubernetes adds pod fields every release, and one of them may be what a policy judges.
 */
final class KnownPodFields {
  static final Set<String> POD = Set.of("containers", "initContainers", "ephemeralContainers", "volumes",
      "securityContext", "hostNetwork", "hostPID", "hostIPC", "hostUsers", "shareProcessNamespace",
      "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "restartPolicy",
      "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "dnsConfig", "nodeSelector",
      "nodeName", "affinity", "tolerations", "schedulerName", "priority", "priorityClassName",
      "preemptionPolicy", "imagePullSecrets", "hostname", "hostnameOverride", "subdomain",
      "setHostnameAsFQDN", "hostAliases", "topologySpreadConstraints", "readinessGates", "overhead",
      "enableServiceLinks", "os", "schedulingGates", "resourceClaims", "resources", "runtimeClassName");
  static final Set<String> POD_SECURITY = Set.of("runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup",
      "fsGroupChangePolicy", "supplementalGroups", "supplementalGroupsPolicy", "sysctls", "seccompProfile",
      "appArmorProfile", "seLinuxOptions", "seLinuxChangePolicy", "windowsOptions");
  static final Set<String> CONTAINER = Set.of("name", "image", "imagePullPolicy", "command", "args",
      "workingDir", "env", "envFrom", "resources", "resizePolicy", "restartPolicy", "restartPolicyRules",
      "ports", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe", "startupProbe",
      "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "securityContext", "stdin",
      "stdinOnce", "tty");
  static final Set<String> CONTAINER_SECURITY = Set.of("privileged", "allowPrivilegeEscalation",
      "capabilities", "runAsUser", "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem", "procMount",
      "seLinuxOptions", "seccompProfile", "appArmorProfile", "windowsOptions");
  static final Set<String> CAPABILITIES = Set.of("add", "drop");
  static final Set<String> WINDOWS = Set.of("gmsaCredentialSpecName", "gmsaCredentialSpec", "runAsUserName",
      "hostProcess");
  static final Set<String> PORT = Set.of("name", "containerPort", "hostPort", "hostIP", "protocol");
  static final Set<String> PROBE = Set.of("exec", "httpGet", "tcpSocket", "grpc", "initialDelaySeconds",
      "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold", "terminationGracePeriodSeconds");
  static final Set<String> LIFECYCLE = Set.of("postStart", "preStop", "stopSignal");
  static final Set<String> HANDLER = Set.of("exec", "httpGet", "tcpSocket", "sleep");
  static final Set<String> HTTP_GET = Set.of("host", "path", "port", "scheme", "httpHeaders");
  static final Set<String> TCP_SOCKET = Set.of("host", "port");
  static final Set<String> VOLUME_MOUNT = Set.of("name", "mountPath", "readOnly", "recursiveReadOnly",
      "mountPropagation", "subPath", "subPathExpr");

  private KnownPodFields() {}

  /** The paths of the fields in {@code podSpec} (a raw YAML map) that policyprobe does not know. */
  static List<String> unknown(Map<String, Object> podSpec, String specPath) {
    List<String> unknown = new ArrayList<>();
    keys(podSpec, POD, specPath, unknown);
    keys(podSpec.get("securityContext"), POD_SECURITY, specPath + ".securityContext", unknown);
    if (podSpec.get("securityContext") instanceof Map<?, ?> security) {
      keys(security.get("windowsOptions"), WINDOWS, specPath + ".securityContext.windowsOptions", unknown);
    }
    for (String list : List.of("initContainers", "containers")) {
      if (podSpec.get(list) instanceof List<?> containers) {
        for (Object item : containers) {
          if (item instanceof Map<?, ?> container) {
            container(container, specPath + "." + list + "[" + container.get("name") + "]", unknown);
          }
        }
      }
    }
    return unknown;
  }

  private static void container(Map<?, ?> container, String path, List<String> unknown) {
    keys(container, CONTAINER, path, unknown);
    if (container.get("securityContext") instanceof Map<?, ?> security) {
      keys(security, CONTAINER_SECURITY, path + ".securityContext", unknown);
      keys(security.get("capabilities"), CAPABILITIES, path + ".securityContext.capabilities", unknown);
      keys(security.get("windowsOptions"), WINDOWS, path + ".securityContext.windowsOptions", unknown);
    }
    eachItem(container.get("ports"), PORT, path + ".ports", unknown);
    eachItem(container.get("volumeMounts"), VOLUME_MOUNT, path + ".volumeMounts", unknown);
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      keys(container.get(probe), PROBE, path + "." + probe, unknown);
      handler(container.get(probe), path + "." + probe, unknown);
    }
    if (container.get("lifecycle") instanceof Map<?, ?> lifecycle) {
      keys(lifecycle, LIFECYCLE, path + ".lifecycle", unknown);
      for (String hook : List.of("postStart", "preStop")) {
        keys(lifecycle.get(hook), HANDLER, path + ".lifecycle." + hook, unknown);
        handler(lifecycle.get(hook), path + ".lifecycle." + hook, unknown);
      }
    }
  }

  private static void handler(Object handler, String path, List<String> unknown) {
    if (handler instanceof Map<?, ?> map) {
      keys(map.get("httpGet"), HTTP_GET, path + ".httpGet", unknown);
      keys(map.get("tcpSocket"), TCP_SOCKET, path + ".tcpSocket", unknown);
    }
  }

  private static void eachItem(Object list, Set<String> known, String path, List<String> unknown) {
    if (list instanceof List<?> items) {
      for (Object item : items) {
        keys(item, known, path + "[]", unknown);
      }
    }
  }

  private static void keys(Object node, Set<String> known, String path, List<String> unknown) {
    if (node instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        if (!known.contains(String.valueOf(key))) {
          unknown.add(path + "." + key);
        }
      }
    }
  }
}
