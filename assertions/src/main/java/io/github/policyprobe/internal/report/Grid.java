package io.github.policyprobe.internal.report;

import io.github.policyprobe.internal.evaluation.NamespaceOutcome;
import io.github.policyprobe.internal.evaluation.Policing;
import io.github.policyprobe.internal.evaluation.ProfileCheck;
import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.internal.evaluation.RequirementOutcome;
import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An outcome laid out as the report shows it: one row per requirement (the neutral template and
 * the policing check first), one column per namespace; a requirement that does not apply to a
 * namespace has no cell there. Namespaces whose verdicts are the same in every row share one
 * column (a K10 check protecting a hundred alike application namespaces is two or three columns,
 * the odd ones apart), shown with the first namespace's cells.
 */
record Grid(List<Column> columns, List<Row> rows) {

  /**
   * @param namespaces the namespaces the column stands for, in the outcome's order
   */
  record Column(List<String> namespaces, String roles, String summary) {
    Column {
      namespaces = List.copyOf(namespaces);
    }

    /** The heading: the namespace, or the first and last of several with how many there are. */
    String namespace() {
      return switch (namespaces.size()) {
        case 1 -> namespaces.get(0);
        case 2, 3 -> String.join(", ", namespaces);
        default -> namespaces.get(0) + " \u2026 " + namespaces.get(namespaces.size() - 1);
      };
    }

    /** For several namespaces: how many, all named. Empty for one. */
    String members() {
      return namespaces.size() < 2 ? "" : namespaces.size() + " namespaces with identical verdicts: "
          + String.join(", ", namespaces);
    }
  }

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
      columns.add(new Column(List.of(ns.namespace()), ns.plan().describeRoles(), ns.summary(outcome.expectation())));
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
    return new Grid(columns, List.copyOf(rows.values())).grouped();
  }

  /** Merges the columns whose cells say the same in every row, keeping the first one's place. */
  Grid grouped() {
    Map<List<Object>, Integer> firstWithSignature = new LinkedHashMap<>();
    List<List<Integer>> groups = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      List<Object> signature = signature(c);
      Integer group = firstWithSignature.get(signature);
      if (group == null) {
        firstWithSignature.put(signature, groups.size());
        groups.add(new ArrayList<>(List.of(c)));
      } else {
        groups.get(group).add(c);
      }
    }
    if (groups.size() == columns.size()) {
      return this;
    }
    List<Column> merged = new ArrayList<>();
    for (List<Integer> group : groups) {
      Column first = columns.get(group.get(0));
      merged.add(new Column(group.stream().map(c -> columns.get(c).namespaces().get(0)).toList(),
          first.roles(), group.size() == 1 ? first.summary() : ofEach(first)));
    }
    List<Row> mergedRows = new ArrayList<>();
    for (Row row : rows) {
      mergedRows.add(new Row(row.id(), row.why(), groups.stream().map(g -> row.cells().get(g.get(0))).toList()));
    }
    return new Grid(merged, mergedRows);
  }

  /** A namespace's summary, said of each of several alike ones. */
  private static String ofEach(Column column) {
    String namespace = column.namespaces().get(0);
    return column.summary().replace("nothing polices " + namespace, "nothing polices them")
        .replace(" in " + namespace, " in each");
  }

  /** What a column says, without what names its namespace: equal for alike namespaces. */
  private List<Object> signature(int column) {
    List<Object> signature = new ArrayList<>(List.of(columns.get(column).roles(), ofEach(columns.get(column))));
    for (Row row : rows) {
      signature.add(row.cells().get(column).map(cell -> List.of(cell.verdict().decision(),
          cell.verdict().attribution().describe(), cell.met(), cell.judged(), cell.subject(),
          cell.verdict().changes().toString(), cell.verdict().warnings().size())).orElse(List.of()));
    }
    return signature;
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
