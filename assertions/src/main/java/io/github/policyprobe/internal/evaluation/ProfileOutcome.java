package io.github.policyprobe.internal.evaluation;

import io.github.policyprobe.internal.enforcement.EnforcementReport;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of one assertion: every requirement in every namespace.
 *
 * @param assertion the assertion, such as {@code permitsK10} or {@code enforcesPodSecurity(RESTRICTED)}
 * @param subject what was checked, such as {@code kasten-k10 (installed in kasten-io, protecting shop)}
 * @param expectation admitted or denied
 * @param namespaces one outcome per namespace, install namespace first
 * @param policedRequired whether a namespace that nothing polices fails the assertion (by
 *     default it is reported, not failed)
 * @param enforcement whether any admission check failed open while the probes ran
 */
public record ProfileOutcome(String assertion, String subject, Expectation expectation,
    List<NamespaceOutcome> namespaces, boolean policedRequired, EnforcementReport enforcement) {

  public ProfileOutcome {
    namespaces = List.copyOf(namespaces);
  }

  /**
   * Every requirement met, no neutral template blocked, no check failed open (a verdict then says
   * nothing about the policy that should have decided), and, where required, every namespace policed.
   */
  public boolean passed() {
    return !enforcement.broken() && namespaces.stream().allMatch(ns -> !ns.neutralBlocked()
        && ns.failed().isEmpty() && (!policedRequired || !ns.unpoliced()));
  }

  /** Such as {@code permitsK10: kasten-k10 (installed in kasten-io)}. */
  public String title() {
    return assertion + ": " + subject;
  }

  /** One line per namespace, joined with "; ", after what failed open. */
  public String summary() {
    String namespaceSummary =
        namespaces.stream().map(ns -> ns.summary(expectation)).collect(Collectors.joining("; "));
    if (!enforcement.broken()) {
      return namespaceSummary;
    }
    int count = enforcement.failedOpen().size();
    return "enforcement broken: " + count + " admission check" + (count == 1 ? "" : "s")
        + " failed open while the probes ran; " + namespaceSummary;
  }
}
