package io.github.policyprobe.profile;

import static io.github.policyprobe.probe.PodChanges.addCapabilities;
import static io.github.policyprobe.probe.PodChanges.fsGroup;
import static io.github.policyprobe.probe.PodChanges.rootInitContainer;
import static io.github.policyprobe.probe.PodChanges.runAsGroup;
import static io.github.policyprobe.probe.PodChanges.runAsNonRoot;
import static io.github.policyprobe.probe.PodChanges.runAsUser;
import static io.github.policyprobe.probe.PodChanges.supplementalGroups;

import java.util.ArrayList;
import java.util.List;

/**
 * What Kasten K10 needs from a hardened cluster: one requirement per row of the table in
 * k10-requirements.md (the K10 "Security Requirements" page, its Helm chart, and the charts it
 * bundles). Each probe is the neutral template plus that row's fields, nothing else.
 */
final class K10Requirements {
  static final long K10_ID = 1000;
  static final long NOBODY = 65534;
  static final long GRAFANA_ID = 472;

  private K10Requirements() {}

  /** The requirements for the options the user chose, in table order. */
  static List<Requirement> forProfile(K10Profile options) {
    // the pods K10 creates itself (restore-data, data movers) come from its service account
    Sender k10 = Sender.productServiceAccount(options.serviceAccount());
    List<Requirement> list = new ArrayList<>(List.of(capDacOverride().sentBy(k10), capFowner().sentBy(k10),
        capChown().sentBy(k10), uidGid1000().sentBy(k10), fsGroup1000().sentBy(k10)));
    if (options.prometheus()) {
      list.add(prometheusIds());
    }
    options.grafana().ifPresent(persistence -> list.add(grafanaIds(persistence)));
    options.storageSecurityContext().ifPresent(ssc -> list.add(storageSecurityContext(ssc).sentBy(k10)));
    options.nfsSupplementalGroup().ifPresent(gid -> list.add(nfsSupplementalGroup(gid).sentBy(k10)));
    list.add(deploymentShape());
    return list;
  }

  static Requirement capDacOverride() {
    return Requirement.builder("cap-dac-override")
        .why("DAC_OVERRIDE: reads all data on a volume whatever its file permissions")
        .where(Placement.ALL_NAMESPACES)
        .change(addCapabilities("DAC_OVERRIDE"))
        .build();
  }

  static Requirement capFowner() {
    return Requirement.builder("cap-fowner")
        .why("FOWNER: restores file modes and owner-only operations (chmod, utime)")
        .where(Placement.ALL_NAMESPACES)
        .change(addCapabilities("FOWNER"))
        .build();
  }

  static Requirement capChown() {
    return Requirement.builder("cap-chown")
        .why("CHOWN: restores the owner of files (chown)")
        .where(Placement.ALL_NAMESPACES)
        .change(addCapabilities("CHOWN"))
        .build();
  }

  static Requirement uidGid1000() {
    return Requirement.builder("uid-gid-1000")
        .why("K10 pods run as UID 1000 and GID 1000")
        .where(Placement.ALL_NAMESPACES)
        .change(runAsUser(K10_ID).andThen(runAsGroup(K10_ID)))
        .build();
  }

  static Requirement fsGroup1000() {
    return Requirement.builder("fsgroup-1000")
        .why("restore-data pods and K10's own deployments set fsGroup 1000 to write to volumes")
        .where(Placement.ALL_NAMESPACES)
        .change(fsGroup(K10_ID))
        .build();
  }

  static Requirement prometheusIds() {
    return Requirement.builder("prometheus-ids")
        .why("the bundled Prometheus server runs as 65534:65534 (nobody) with fsGroup 65534")
        .where(Placement.INSTALL_NAMESPACE)
        .change(runAsUser(NOBODY).andThen(runAsGroup(NOBODY)).andThen(fsGroup(NOBODY))
            .andThen(runAsNonRoot(true)))
        .build();
  }

  static Requirement grafanaIds(boolean persistence) {
    Requirement.Builder builder = Requirement.builder("grafana-ids")
        .why(persistence
            ? "bundled Grafana (K10 up to 7.0) runs as 472:472, fsGroup 472; with persistence"
                + " its init-chown-data container runs as root with CHOWN"
            : "bundled Grafana (K10 up to 7.0) runs as 472:472 with fsGroup 472")
        .where(Placement.INSTALL_NAMESPACE)
        .change(runAsUser(GRAFANA_ID).andThen(runAsGroup(GRAFANA_ID)).andThen(fsGroup(GRAFANA_ID)));
    if (persistence) {
      builder.variant("472:472, fsGroup 472", pod -> {})
          .variant("root init-chown-data container with CHOWN", rootInitContainer("init-chown-data", "CHOWN"));
    }
    return builder.build();
  }

  static Requirement storageSecurityContext(K10Profile.StorageSecurityContext ssc) {
    Requirement.Builder builder = Requirement.builder("storage-security-context")
        .why("the StorageSecurityContext's userId, groupId and supplemental groups must be allowed"
            + " where K10 mounts protected volumes")
        .where(Placement.ALL_NAMESPACES)
        .variant("runAsUser " + ssc.userId() + ", runAsGroup " + ssc.groupId(),
            runAsUser(ssc.userId()).andThen(runAsGroup(ssc.groupId())))
        .variant("fsGroup " + ssc.groupId(), fsGroup(ssc.groupId()));
    for (long gid : ssc.supplementalGroups()) {
      builder.variant("fsGroup " + gid, fsGroup(gid));
    }
    return builder.build();
  }

  static Requirement nfsSupplementalGroup(long gid) {
    return Requirement.builder("nfs-supplemental-group")
        .why("an NFS location profile in rootless mode mounts the export with supplemental group " + gid)
        .where(Placement.INSTALL_NAMESPACE)
        .change(supplementalGroups(gid))
        .build();
  }

  static Requirement deploymentShape() {
    return Requirement.builder("k10-deployment-shape")
        .why("K10's own Deployments as its chart renders them (runAsUser 1000, fsGroup 1000,"
            + " restricted otherwise); policies for pod controllers match Deployments")
        .where(Placement.INSTALL_NAMESPACE)
        .asDeployment()
        .change(runAsUser(K10_ID).andThen(fsGroup(K10_ID)).andThen(runAsNonRoot(true)))
        .build();
  }
}
