package io.github.policyprobe.assertions;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.support.Outcomes;
import org.junit.jupiter.api.Test;

class FailureMessageTest {

  @Test
  void oneLinePerRequirementWithWhatDecidedItAndASummary() {
    String message = FailureMessage.of(Outcomes.mixedK10(), "/tmp/report.html");

    assertThat(message).isEqualTo("""
        Expecting the cluster's admission policies to admit kasten-k10 (installed in kasten-io, protecting shop) [permitsK10], but they do not:

        kasten-io (install namespace): 1 of 4 requirements denied, 1 mutated in kasten-io
          ok    ADMITTED  neutral-template  the neutral template alone (restricted level, requests and limits) passes unchanged
          ok    DENIED    policing-check    a pod breaking the baseline level every way is not admitted as sent: something polices kasten-io
          FAIL  DENIED    cap-dac-override  DAC_OVERRIDE: reads all data on a volume
                          Pod: denied. DENIED (HTTP 403) by PodSecurity 'restricted:latest' (unrestricted capabilities): pods "policyprobe-x" is forbidden: violates PodSecurity "restricted:latest": unrestricted capabilities (container "probe" must not include "DAC_OVERRIDE" in securityContext.capabilities.add)
          FAIL  MUTATED   uid-gid-1000      K10 pods run as UID 1000 and GID 1000
                          Pod: admitted only after a mutation changed what it asked for, by an unnamed mutating admission policy or webhook (the returned object names none):
                            pod: runAsUser 1000 -> 2000
          ok    WARNED    fsgroup-1000      fsGroup 1000
                          Pod: admitted, but PodSecurity 'restricted:latest' (runAsUser=0) would deny it if enforced
                          warning: would violate <script>alert('x')</script> | pipe
          ok    ADMITTED  prometheus-ids    Prometheus as nobody

        shop (application namespace): 1 of 1 requirement without a decision in shop
          ok    ADMITTED  neutral-template  the neutral template alone (restricted level, requests and limits) passes unchanged
          FAIL  ERROR     cap-dac-override  DAC_OVERRIDE: reads all data on a volume
                          Pod: no decision. ERROR (HTTP 500), no decision (admission webhook 'unreachable.example'): Internal error occurred: failed calling webhook "unreachable.example": connection refused

        Summary: 1 of 4 requirements denied, 1 mutated in kasten-io; 1 of 1 requirement without a decision in shop
        Report: /tmp/report.html""");
  }

  @Test
  void multiLineEngineMessagesBecomeOneLine() {
    assertThat(FailureMessage.oneLine("policy:\n  rule: 'a long\n    message'\n")).isEqualTo("policy: rule: 'a long message'");
  }
}
