package io.github.policyprobe.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The needs one profile has that another has not, by requirement id: what a chart upgrade adds,
 * drops and changes (same id, another value, such as a container's new UID).
 *
 * @param added requirements only the newer profile has
 * @param dropped requirements only the older profile has
 * @param changed requirements both have, whose description (and so value) differs
 */
public record ProfileDiff(List<Requirement> added, List<Requirement> dropped, List<Change> changed) {

  /** One requirement whose value differs: its description before and after. */
  public record Change(String id, String before, String after) {}

  public ProfileDiff {
    added = List.copyOf(added);
    dropped = List.copyOf(dropped);
    changed = List.copyOf(changed);
  }

  static ProfileDiff between(RequirementProfile older, RequirementProfile newer) {
    Map<String, Requirement> before = byId(older);
    Map<String, Requirement> after = byId(newer);
    List<Requirement> added = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    after.forEach((id, requirement) -> {
      Requirement old = before.get(id);
      if (old == null) {
        added.add(requirement);
      } else if (!old.why().equals(requirement.why()) || old.where() != requirement.where()) {
        changed.add(new Change(id, old.why(), requirement.why()));
      }
    });
    List<Requirement> dropped = before.values().stream().filter(r -> !after.containsKey(r.id())).toList();
    return new ProfileDiff(added, dropped, changed);
  }

  private static Map<String, Requirement> byId(RequirementProfile profile) {
    Map<String, Requirement> byId = new LinkedHashMap<>();
    profile.requirements().forEach(r -> byId.put(r.id(), r));
    return byId;
  }

  public boolean isEmpty() {
    return added.isEmpty() && dropped.isEmpty() && changed.isEmpty();
  }

  /** A Markdown list for a pull request: added, dropped and changed needs, one line each. */
  @Override
  public String toString() {
    if (isEmpty()) {
      return "No requirement added, dropped or changed.";
    }
    StringBuilder text = new StringBuilder();
    added.forEach(r -> text.append("+ ").append(r.id()).append(": ").append(r.why()).append('\n'));
    dropped.forEach(r -> text.append("- ").append(r.id()).append(": ").append(r.why()).append('\n'));
    changed.forEach(c -> text.append("~ ").append(c.id()).append(": ").append(c.before()).append(" -> ")
        .append(c.after()).append('\n'));
    return text.toString();
  }
}
