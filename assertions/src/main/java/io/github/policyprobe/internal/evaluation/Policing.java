package io.github.policyprobe.internal.evaluation;

import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Whether anything in a namespace stops a pod that breaks the baseline level every way, sent as a
 * Pod and as a Deployment (policies written for pod controllers match only the latter).
 *
 * @param pod the verdict on the Pod
 * @param deployment the verdict on the Deployment
 * @param reasons why the Pod got in, as far as the cluster's configuration says (Pod Security
 *     labels and exemptions, bindings that do not select the namespace); empty when it did not
 */
public record Policing(Verdict pod, Optional<Verdict> deployment, List<String> reasons) {

  public Policing {
    reasons = List.copyOf(reasons);
  }

  /** Whether the Pod itself was stopped (denied, mutated, or no decision). */
  public boolean podsPoliced() {
    return !admitted(pod);
  }

  /** Whether nothing stopped either form: nothing polices the namespace. */
  public boolean unpoliced() {
    return admitted(pod) && deployment.map(Policing::admitted).orElse(true);
  }

  /** Whether only the Deployment was stopped: the namespace's policies match pod controllers only. */
  public boolean controllersOnly() {
    return admitted(pod) && !unpoliced();
  }

  /** The verdict to show: the Pod's, unless only the Deployment was stopped. */
  public Verdict shown() {
    return controllersOnly() ? deployment.orElseThrow() : pod;
  }

  public Policing withReasons(List<String> value) {
    return new Policing(pod, deployment, value);
  }

  /** Such as {@code not policed: Pod Security: kasten-io is exempt ...}; empty when policed. */
  public String note(String namespace) {
    if (podsPoliced()) {
      return "";
    }
    String head = controllersOnly()
        ? namespace + " is policed for pod controllers only: the Deployment was stopped ("
            + deployment.orElseThrow().attribution().describe() + "), a bare Pod was admitted"
        : "nothing polices " + namespace + ": a pod breaking the baseline level every way was "
            + (pod.decision() == Decision.WARNED ? "admitted with warnings only (" + pod.attribution().describe() + ")"
                : "admitted");
    return reasons.isEmpty() ? head : head + "; " + String.join("; ", reasons);
  }

  private static boolean admitted(Verdict verdict) {
    return verdict.decision() == Decision.ADMITTED || verdict.decision() == Decision.WARNED;
  }
}
