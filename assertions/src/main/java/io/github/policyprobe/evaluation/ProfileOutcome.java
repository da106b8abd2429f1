package io.github.policyprobe.evaluation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of one assertion: every requirement in every namespace.
 *
 * @param assertion the assertion, such as {@code permitsK10} or {@code enforcesPodSecurity(RESTRICTED)}
 * @param subject what was checked, such as {@code kasten-k10 (installed in kasten-io, protecting shop)}
 * @param expectation admitted or denied
 * @param namespaces one outcome per namespace, install namespace first
 * @param unpolicedAllowed whether a namespace that is not policed is accepted
 */
public record ProfileOutcome(
    String assertion, String subject, Expectation expectation, List<NamespaceOutcome> namespaces, boolean unpolicedAllowed) {

  public ProfileOutcome {
    namespaces = List.copyOf(namespaces);
  }

  public boolean passed() {
    return namespaces.stream().allMatch(ns -> !ns.neutralBlocked() && ns.failed().isEmpty()
        && (unpolicedAllowed || !ns.unpoliced()));
  }

  /** Such as {@code permitsK10: kasten-k10 (installed in kasten-io)}. */
  public String title() {
    return assertion + ": " + subject;
  }

  /** One line per namespace, joined with "; ". */
  public String summary() {
    return namespaces.stream().map(ns -> ns.summary(expectation)).collect(Collectors.joining("; "));
  }
}
