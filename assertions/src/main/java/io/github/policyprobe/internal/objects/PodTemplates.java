package io.github.policyprobe.internal.objects;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/** Where each pod controller keeps the template of the Pods it creates. */
public final class PodTemplates {
  private PodTemplates() {}

  /** The pod template of a controller (a CronJob's through its Job template); empty for anything else. */
  public static Optional<PodTemplateSpec> of(HasMetadata object) {
    PodTemplateSpec template = null;
    if (object instanceof Deployment d && d.getSpec() != null) {
      template = d.getSpec().getTemplate();
    } else if (object instanceof DaemonSet d && d.getSpec() != null) {
      template = d.getSpec().getTemplate();
    } else if (object instanceof StatefulSet s && s.getSpec() != null) {
      template = s.getSpec().getTemplate();
    } else if (object instanceof ReplicaSet r && r.getSpec() != null) {
      template = r.getSpec().getTemplate();
    } else if (object instanceof ReplicationController r && r.getSpec() != null) {
      template = r.getSpec().getTemplate();
    } else if (object instanceof Job j && j.getSpec() != null) {
      template = j.getSpec().getTemplate();
    } else if (object instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
        && c.getSpec().getJobTemplate().getSpec() != null) {
      template = c.getSpec().getJobTemplate().getSpec().getTemplate();
    }
    return Optional.ofNullable(template);
  }
}
