package io.github.policyprobe.report;

import io.github.policyprobe.evaluation.NamespaceOutcome;
import io.github.policyprobe.evaluation.Policing;
import io.github.policyprobe.evaluation.ProfileCheck;
import io.github.policyprobe.evaluation.ProfileOutcome;
import io.github.policyprobe.evaluation.RequirementOutcome;
import io.github.policyprobe.probe.Decision;
import io.github.policyprobe.probe.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An outcome laid out as the report shows it: one row per requirement (the neutral template and
 * the policing check first), one column per namespace; a requirement that does not apply to a
 * namespace has no cell there.
 */
record Grid(List<Column> columns, List<Row> rows) {

  record Column(String namespace, String roles, String summary) {}

  record Row(String id, String why, List<Optional<Cell>> cells) {}

  /**
   * @param verdict the deciding verdict
   * @param subject the probe that decided, such as {@code Pod (fsGroup 2000)}
   * @param met whether it meets the assertion's expectation
   * @param note why not, or why it was not judged
   * @param judged false when the neutral template failed in this namespace
   */
  record Cell(Verdict verdict, String subject, boolean met, String note, boolean judged) {}

  static Grid of(ProfileOutcome outcome) {
    List<Column> columns = new ArrayList<>();
    Map<String, Row> rows = new LinkedHashMap<>();
    List<NamespaceOutcome> namespaces = outcome.namespaces();
    for (int n = 0; n < namespaces.size(); n++) {
      NamespaceOutcome ns = namespaces.get(n);
      columns.add(new Column(ns.namespace(), ns.plan().describeRoles(), ns.summary(outcome.expectation())));
      final int column = n;
      ns.neutral().ifPresent(v -> cell(rows, namespaces.size(), ProfileCheck.NEUTRAL_ID,
          "the neutral template alone: every probe starts from it", column,
          new Cell(v, "Pod", !ns.neutralBlocked(), neutralNote(ns, v), true)));
      ns.policing().ifPresent(p -> cell(rows, namespaces.size(), ProfileCheck.POLICING_ID,
          "whether anything stops a pod breaking the baseline level every way (information unless"
              + " policed namespaces are required)", column,
          new Cell(p.shown(), p.controllersOnly() ? "Deployment" : "Pod",
              !(outcome.policedRequired() && p.unpoliced()), policingNote(ns, p), true)));
      for (RequirementOutcome r : ns.requirements()) {
        cell(rows, namespaces.size(), r.id(), r.why(), column, new Cell(r.verdict(), r.probe().describe(),
            r.met(), ns.neutralBlocked() ? "not judged: the neutral template failed here" : r.shortfall(),
            !ns.neutralBlocked()));
      }
    }
    return new Grid(columns, List.copyOf(rows.values()));
  }

  private static String neutralNote(NamespaceOutcome ns, Verdict neutral) {
    if (!ns.neutralBlocked()) {
      return "";
    }
    return neutral.decision() == Decision.ERROR
        ? "no decision even on the neutral template: nothing here can be judged"
        : "every probe here fails for this reason: adjust the template";
  }

  private static String policingNote(NamespaceOutcome ns, Policing policing) {
    if (!policing.podsPoliced()) {
      return policing.note(ns.namespace());
    }
    return policing.pod().decision() == Decision.ERROR ? "no decision: whether anything polices "
        + ns.namespace() + " is unknown" : "";
  }

  private static void cell(Map<String, Row> rows, int width, String id, String why, int column, Cell cell) {
    Row row = rows.computeIfAbsent(id, key -> {
      List<Optional<Cell>> cells = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        cells.add(Optional.empty());
      }
      return new Row(id, why, cells);
    });
    row.cells().set(column, Optional.of(cell));
  }
}
