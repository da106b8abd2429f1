package io.github.policyprobe.internal.probe;

import io.github.policyprobe.cluster.Engine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads which engine, policy and rule decided a probe from the API server's message (a denial, a
 * failure, or a warning's text). The formats are the engines' own; see k10-requirements.md.
 */
final class DenialParser {
  private static final Pattern POD_SECURITY =
      Pattern.compile("(?:violates|would violate) PodSecurity \"([^\"]+)\": (.*)", Pattern.DOTALL);
  /** kube-apiserver 1.34 words a MutatingAdmissionPolicy's failure without its kind: "policy 'x'". */
  private static final Pattern ADMISSION_POLICY = Pattern.compile(
      "(?:\\b(Validating|Mutating)AdmissionPolicy|\\bpolicy) '([^']*)' with binding '([^']*)'"
          + "(?: denied request)?: (.*)",
      Pattern.DOTALL);
  private static final Pattern WEBHOOK_DENIED = Pattern.compile(
      "admission webhook \"([^\"]+)\" denied the request(?::\\s*(.*))?", Pattern.DOTALL);
  private static final Pattern WEBHOOK_FAILED =
      Pattern.compile("failed calling webhook \"([^\"]+)\": (.*)", Pattern.DOTALL);
  private static final Pattern SCC = Pattern.compile(
      "unable to validate against any security context constraint: (.*)", Pattern.DOTALL);
  private static final Pattern GATEKEEPER_ITEM = Pattern.compile("\\[([^\\]]+)\\]\\s*(.*)");
  private static final Pattern KYVERNO_POLICY_LINE = Pattern.compile("^([\\w.:-]+):\\s*$");
  private static final Pattern KYVERNO_RULE_LINE = Pattern.compile("^([\\w.:-]+):\\s*(.*)$");
  private static final Pattern KYVERNO_FLAT_LINE =
      Pattern.compile("^([\\w.-]+):\\s+([\\w.-]+):\\s+(.*)$");
  private static final Pattern KYVERNO_CEL = Pattern.compile("[Pp]olicy ([\\w.-]+) failed: (.*)", Pattern.DOTALL);
  private static final Pattern KYVERNO_WARNING =
      Pattern.compile("^policy ([\\w.-]+)\\.([\\w.-]+): (.*)", Pattern.DOTALL);
  private static final Pattern INVALID = Pattern.compile("\\bis invalid: (.*)", Pattern.DOTALL);
  private static final Pattern NOT_FOUND = Pattern.compile("^(\\S+) \"([^\"]*)\" not found$");
  private static final Pattern RBAC = Pattern.compile("(User|ServiceAccount) \"[^\"]*\" cannot ");

  private DenialParser() {}

  /** The engine, policy and rule a denial, failure or warning text names. */
  public static Attribution parse(String message) {
    String text = message == null ? "" : message.strip();
    Matcher m;
    // A webhook's words come first: Kyverno may quote PodSecurity inside its own denial.
    if ((m = WEBHOOK_DENIED.matcher(text)).find()) {
      return webhookDenial(m.group(1), m.group(2) == null ? "" : m.group(2).strip());
    }
    if ((m = WEBHOOK_FAILED.matcher(text)).find()) {
      return new Attribution(engineOfWebhook(m.group(1)), m.group(1), "", m.group(2));
    }
    if ((m = POD_SECURITY.matcher(text)).find()) {
      String checks = String.join(", ", podSecurityCheckNames(m.group(2)));
      return new Attribution(Engine.POD_SECURITY, m.group(1), checks, m.group(2));
    }
    if ((m = ADMISSION_POLICY.matcher(text)).find()) {
      Engine engine = "Validating".equals(m.group(1))
          ? Engine.VALIDATING_ADMISSION_POLICY : Engine.MUTATING_ADMISSION_POLICY;
      return new Attribution(engine, m.group(2), m.group(3), m.group(4));
    }
    if ((m = SCC.matcher(text)).find()) {
      return new Attribution(Engine.OPENSHIFT_SCC, "", "", m.group(1));
    }
    if ((m = KYVERNO_WARNING.matcher(text)).find()) {
      return new Attribution(Engine.KYVERNO, m.group(1), m.group(2), m.group(3));
    }
    if ((m = GATEKEEPER_ITEM.matcher(text)).lookingAt()) {
      return new Attribution(Engine.GATEKEEPER, m.group(1), "", m.group(2));
    }
    return apiServer(text);
  }

  /**
   * The names of the PodSecurity checks in a message's list, such as {@code unrestricted
   * capabilities} and {@code runAsUser=0}: the list is "name (detail), name (detail)".
   */
  public static List<String> podSecurityCheckNames(String checks) {
    List<String> names = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    boolean inName = true;
    for (int i = 0; i < checks.length(); i++) {
      char c = checks.charAt(i);
      if (c == '(') {
        depth++;
        inName = false;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0) {
        addName(names, current);
        current.setLength(0);
        inName = true;
      } else if (inName && depth == 0) {
        current.append(c);
      }
    }
    addName(names, current);
    return names;
  }

  private static void addName(List<String> names, StringBuilder current) {
    String name = current.toString().strip();
    if (!name.isEmpty()) {
      names.add(name);
    }
  }

  private static Attribution webhookDenial(String webhook, String rest) {
    Engine engine = engineOfWebhook(webhook);
    if (engine == Engine.KYVERNO || rest.contains("blocked due to the following polic")) {
      return kyverno(webhook, rest);
    }
    if (engine == Engine.GATEKEEPER) {
      return gatekeeper(webhook, rest);
    }
    return new Attribution(Engine.WEBHOOK, webhook, "", rest);
  }

  private static Engine engineOfWebhook(String webhook) {
    String name = webhook.toLowerCase();
    if (name.contains("kyverno")) {
      return Engine.KYVERNO;
    }
    if (name.contains("gatekeeper")) {
      return Engine.GATEKEEPER;
    }
    return Engine.WEBHOOK;
  }

  /**
   * Kyverno lists "policy:" lines, each followed by "rule: message" lines indented two more
   * spaces (a long message goes on in lines indented further), under "blocked due to the
   * following policies"; a flattened form puts "policy: rule: message" on one line. Newer CEL
   * policies say "Policy name failed: message".
   */
  private static Attribution kyverno(String webhook, String rest) {
    Set<String> policies = new LinkedHashSet<>();
    Set<String> rules = new LinkedHashSet<>();
    List<StringBuilder> messages = new ArrayList<>();
    int list = rest.indexOf("following policies");
    String body = list < 0 ? rest : rest.substring(list + "following policies".length()).replaceFirst("^:", "");
    int policyIndent = -1;
    for (String line : body.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int indent = line.length() - line.stripLeading().length();
      Matcher m;
      if (policyIndent >= 0 && indent > policyIndent + 2 && !messages.isEmpty()) {
        messages.get(messages.size() - 1).append(' ').append(line.strip());
      } else if (policyIndent >= 0 && indent == policyIndent + 2
          && (m = KYVERNO_RULE_LINE.matcher(line.strip())).matches()) {
        rules.add(m.group(1));
        messages.add(new StringBuilder(m.group(2)));
      } else if ((m = KYVERNO_POLICY_LINE.matcher(line.strip())).matches()) {
        policies.add(m.group(1));
        policyIndent = indent;
      } else if ((m = KYVERNO_FLAT_LINE.matcher(line.strip())).matches()) {
        policies.add(m.group(1));
        rules.add(m.group(2));
        messages.add(new StringBuilder(m.group(3)));
      }
    }
    if (policies.isEmpty()) {
      Matcher cel = KYVERNO_CEL.matcher(rest);
      if (cel.find()) {
        return new Attribution(Engine.KYVERNO, cel.group(1), "", cel.group(2).strip());
      }
      return new Attribution(Engine.KYVERNO, "", "", rest.isEmpty() ? webhook : rest);
    }
    String detail = messages.isEmpty() ? rest
        : String.join("; ", messages.stream().map(b -> unquote(b.toString())).toList());
    return new Attribution(
        Engine.KYVERNO, String.join(", ", policies), String.join(", ", rules), detail);
  }

  private static String unquote(String message) {
    String text = message.strip();
    if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
      return text.substring(1, text.length() - 1).replace("''", "'");
    }
    return text;
  }

  /** Gatekeeper prefixes each violated constraint's message with "[constraint-name]". */
  private static Attribution gatekeeper(String webhook, String rest) {
    Set<String> constraints = new LinkedHashSet<>();
    List<String> messages = new ArrayList<>();
    for (String line : rest.split("\\R")) {
      Matcher m = GATEKEEPER_ITEM.matcher(line.strip());
      if (m.lookingAt()) {
        constraints.add(m.group(1));
        messages.add(m.group(2));
      }
    }
    if (constraints.isEmpty()) {
      return new Attribution(Engine.GATEKEEPER, webhook, "", rest);
    }
    return new Attribution(
        Engine.GATEKEEPER, String.join(", ", constraints), "", String.join("; ", messages));
  }

  /** Nothing admission-specific matched: the API server's own validation, lookup or authorization. */
  private static Attribution apiServer(String text) {
    Matcher m;
    if ((m = INVALID.matcher(text)).find()) {
      return new Attribution(Engine.API_SERVER, "", "validation", m.group(1));
    }
    if ((m = NOT_FOUND.matcher(text)).find()) {
      return new Attribution(Engine.API_SERVER, "", m.group(1) + " lookup", text);
    }
    if (RBAC.matcher(text).find()) {
      return new Attribution(Engine.API_SERVER, "", "authorization", text);
    }
    if (text.contains(" is forbidden: ")) {
      return new Attribution(
          Engine.API_SERVER, "", "", text.substring(text.indexOf(" is forbidden: ") + 15));
    }
    return Attribution.unknown(text);
  }
}
