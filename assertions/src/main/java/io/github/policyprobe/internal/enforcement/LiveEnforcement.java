package io.github.policyprobe.internal.enforcement;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.internal.enforcement.FailOpenCounters.Policy;
import io.github.policyprobe.internal.enforcement.FailOpenCounters.Source;
import io.github.policyprobe.internal.enforcement.FailOpenCounters.Webhook;
import io.github.policyprobe.internal.probe.Attribution;
import io.github.policyprobe.internal.probe.Decision;
import io.github.policyprobe.internal.probe.Probe;
import io.github.policyprobe.internal.probe.Verdict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforcement as a running cluster reports it: fail-open counters read from the API server's
 * {@code /metrics} before and after the probes, the cause from its log, and the configuration
 * that explains an unpoliced namespace.
 */
public final class LiveEnforcement implements Enforcement {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEnforcement.class);
  private static final Map<Cluster, LiveEnforcement> INSTANCES = new WeakHashMap<>();
  private static final long METRICS_TIMEOUT_MS = 15_000;

  private final Cluster cluster;
  private final KubernetesClient client;
  private final UnpolicedReasons reasons;
  private final Supplier<Optional<PodSecurityDefaults>> podSecurity;
  private final KyvernoExceptions kyvernoExceptions;
  private final MutatingPolicyMatches mutatingPolicies;
  private final Set<String> saidOff = ConcurrentHashMap.newKeySet();

  private LiveEnforcement(Cluster cluster) {
    this.cluster = cluster;
    this.client = cluster.client();
    this.podSecurity = () -> cluster.isExisting() ? Optional.empty()
        : cluster.spec().admissionConfig().map(PodSecurityDefaults::read).orElse(Optional.of(PodSecurityDefaults.NONE));
    this.reasons = new UnpolicedReasons(client, podSecurity);
    this.kyvernoExceptions = new KyvernoExceptions(cluster, client);
    this.mutatingPolicies = new MutatingPolicyMatches(client);
  }

  @Override
  public Optional<String> note(Probe probe, Verdict verdict) {
    return switch (verdict.decision()) {
      case ERROR -> Optional.empty();
      case DENIED -> verdict.attribution().engine() == Engine.KYVERNO ? kyvernoExceptions.ignored() : Optional.empty();
      default -> podSecurity.get().flatMap(config -> PodSecurityExemption.of(config, probe));
    };
  }

  @Override
  public Optional<Attribution> mutator(Probe probe, Verdict verdict) {
    boolean unnamed = verdict.decision() == Decision.MUTATED && verdict.attribution().engine() == Engine.UNKNOWN
        && verdict.attribution().policy().isEmpty();
    return unnamed ? mutatingPolicies.of(probe) : Optional.empty();
  }

  /** One per cluster, so that "detection is off" is said once per cluster, not per assertion. */
  public static Enforcement of(Cluster cluster) {
    synchronized (INSTANCES) {
      return INSTANCES.computeIfAbsent(cluster, LiveEnforcement::new);
    }
  }

  @Override
  public Watch watch() {
    // Read anew, not the previous check's reading: what failed open between two checks (a test
    // waiting for a webhook to recover, say) is not this check's business.
    MetricsRead before = readMetrics();
    if (before.counters().isEmpty()) {
      return namespaces -> detectionOff(before.failure());
    }
    return namespaces -> {
      MetricsRead after = readMetrics();
      if (after.counters().isEmpty()) {
        return detectionOff(after.failure());
      }
      Map<Source, Long> grown = FailOpenCounters.growth(before.counters().get(), after.counters().get());
      if (grown.isEmpty()) {
        return new EnforcementReport(List.of(), Optional.empty());
      }
      Map<String, Map<String, String>> labels = new java.util.HashMap<>();
      namespaces.forEach(ns -> labels.put(ns, LabelSelectors.namespaceLabels(client, ns)));
      List<String> log = RunningCluster.of(cluster).apiServerLog();
      List<FailOpen> failed = new ArrayList<>();
      grown.forEach((source, times) -> {
        if (appliesToAny(source, labels.values())) {
          failed.add(describe(source, times, log));
        }
      });
      failed.sort(Comparator.comparing(FailOpen::what));
      return new EnforcementReport(failed, Optional.empty());
    };
  }

  @Override
  public List<String> whyUnpoliced(String namespace) {
    return reasons.explain(namespace);
  }

  private EnforcementReport detectionOff(String why) {
    String text = "fail-open detection is off for " + client.getMasterUrl() + ": " + why;
    if (saidOff.add(why)) {
      LOG.warn("{}. A webhook or ValidatingAdmissionPolicy with failurePolicy: Ignore that fails"
          + " admits without deciding, and policyprobe cannot tell.", text);
    }
    return new EnforcementReport(List.of(), Optional.of(text));
  }

  private record MetricsRead(Optional<Map<Source, Double>> counters, String failure) {}

  private MetricsRead readMetrics() {
    try {
      HttpClient http = client.getHttpClient();
      HttpRequest request = http.newHttpRequestBuilder()
          .uri(client.getMasterUrl().toString().replaceAll("/+$", "") + "/metrics")
          .timeout(METRICS_TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .build();
      HttpResponse<String> response =
          http.sendAsync(request, String.class).get(METRICS_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
      if (response.code() != 200) {
        return new MetricsRead(Optional.empty(), "GET /metrics answered HTTP " + response.code()
            + (response.code() == 403 ? " (these credentials lack get on the non-resource URL /metrics)" : ""));
      }
      return new MetricsRead(Optional.of(FailOpenCounters.parse(response.body())), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new MetricsRead(Optional.empty(), "interrupted while reading /metrics");
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new MetricsRead(Optional.empty(), "GET /metrics failed: " + cause.getMessage());
    }
  }

  /**
   * Whether a check that failed open could have judged a probe in one of these namespaces. A
   * webhook or binding that still exists and selects none of them served another test's requests;
   * one that is gone cannot be ruled out.
   */
  private boolean appliesToAny(Source source, Collection<Map<String, String>> namespaces) {
    try {
      List<List<LabelSelector>> registrations = source instanceof Webhook w ? webhookSelectors(w)
          : policySelectors((Policy) source);
      return registrations.isEmpty() || registrations.stream().anyMatch(selectors -> namespaces.stream()
          .anyMatch(labels -> selectors.stream().allMatch(s -> LabelSelectors.matches(s, labels))));
    } catch (KubernetesClientException e) {
      return true; // when in doubt, report it
    }
  }

  /** The namespace selector of each registration of this webhook name (names may repeat across configurations). */
  private List<List<LabelSelector>> webhookSelectors(Webhook webhook) {
    var v1 = client.admissionRegistration().v1();
    Stream<LabelSelector> selectors = webhook.type().equals("admit")
        ? v1.mutatingWebhookConfigurations().list().getItems().stream()
            .flatMap(c -> c.getWebhooks().stream())
            .filter(w -> w.getName().equals(webhook.name())).map(w -> w.getNamespaceSelector())
        : v1.validatingWebhookConfigurations().list().getItems().stream()
            .flatMap(c -> c.getWebhooks().stream())
            .filter(w -> w.getName().equals(webhook.name())).map(w -> w.getNamespaceSelector());
    return selectors.map(s -> java.util.Collections.singletonList(s)).toList();
  }

  /** The binding's and the policy's namespace selectors, which must both select. */
  private List<List<LabelSelector>> policySelectors(Policy policy) {
    var v1 = client.admissionRegistration().v1();
    ValidatingAdmissionPolicyBinding binding =
        v1.validatingAdmissionPolicyBindings().withName(policy.binding()).get();
    ValidatingAdmissionPolicy definition = v1.validatingAdmissionPolicies().withName(policy.policy()).get();
    if (binding == null || definition == null) {
      return List.of();
    }
    List<LabelSelector> both = new ArrayList<>();
    both.add(binding.getSpec().getMatchResources() == null
        ? null : binding.getSpec().getMatchResources().getNamespaceSelector());
    both.add(definition.getSpec().getMatchConstraints() == null
        ? null : definition.getSpec().getMatchConstraints().getNamespaceSelector());
    return List.of(both);
  }

  private FailOpen describe(Source source, long times, List<String> log) {
    if (source instanceof Webhook w) {
      return new FailOpen((w.type().equals("admit") ? "mutating" : w.type()) + " webhook \""
          + w.name() + "\"", times, FailOpenCauses.ofWebhook(w.name(), log));
    }
    Policy p = (Policy) source;
    return new FailOpen("ValidatingAdmissionPolicy '" + p.policy() + "' with binding '" + p.binding() + "'",
        times, FailOpenCauses.ofPolicy(p.errorType()));
  }
}
