package io.github.policyprobe.benchmark;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.policyprobe.assertions.PolicyAssertions;
import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.ClusterSpec;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.cluster.Clusters;
import io.github.policyprobe.internal.cluster.RunningCluster;
import io.github.policyprobe.internal.enforcement.LiveEnforcement;
import io.github.policyprobe.internal.evaluation.Expectation;
import io.github.policyprobe.internal.evaluation.ProfileCheck;
import io.github.policyprobe.internal.evaluation.ProfileOutcome;
import io.github.policyprobe.internal.inforce.NamespaceEpochs;
import io.github.policyprobe.internal.probe.ProbeRunner;
import io.github.policyprobe.internal.report.Report;
import io.github.policyprobe.internal.versions.KubernetesVersions;
import io.github.policyprobe.podsecurity.PodSecurityControl;
import io.github.policyprobe.podsecurity.PodSecurityControls;
import io.github.policyprobe.podsecurity.PodSecurityLevel;
import io.github.policyprobe.probe.NeutralTemplate;
import io.github.policyprobe.probe.ProbeVariant;
import io.github.policyprobe.profile.K10Profile;
import io.github.policyprobe.profile.NamespacePlan;
import io.github.policyprobe.profile.NamespaceRole;
import io.github.policyprobe.profile.Requirement;
import io.github.policyprobe.profile.RequirementProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the time goes, side by side in one run: booting the local control plane, applying a
 * policy set, the K10 profile and the Pod Security check on a warm cluster, the same probes as
 * one kubectl process each, boots per JVM run, and the control plane's memory. It only prints;
 * nothing here asserts a timing.
 *
 * <p>Run: {@code mvn -B -q -pl samples -am test-compile exec:java@benchmark}. Settings (system
 * properties): benchmark.coldStarts (5), benchmark.warmRuns (20), benchmark.kubectlPasses (5),
 * benchmark.swaps (10), benchmark.kubectl (/usr/bin/kubectl), benchmark.determinismRuns (20),
 * benchmark.parts (cold,warm,swaps,boots,suites by default; determinism and versions on request).
 */
public final class PolicyProbeBenchmark {
  /** The sample policy set: ValidatingAdmissionPolicies with a K10 exception by namespace label. */
  static final String POLICIES = "cel-id-ranges/";

  private static final double READY_TARGET_MS = 2_000;
  private static final double K10_TARGET_MS = 100;
  private static final double SPEEDUP_TARGET = 40;
  private static final double MEMORY_TARGET_MB = 600;
  private static final double SWAP_TARGET_MS = 1_000;
  private static final int WARM_UPS = 3;
  /** policyprobe runs of the K10 profile after each kubectl pass. */
  private static final int PAIRED_RUNS = 4;

  private final int coldStarts = Integer.getInteger("benchmark.coldStarts", 5);
  private final int warmRuns = Integer.getInteger("benchmark.warmRuns", 20);
  private final int kubectlPasses = Integer.getInteger("benchmark.kubectlPasses", 5);
  private final String kubectl = System.getProperty("benchmark.kubectl", "/usr/bin/kubectl");

  private final ResultTable table = new ResultTable();
  private final List<String> findings = new ArrayList<>();
  private final ClusterSpec local = ClusterSpec.defaults().withBackend(Backend.LOCAL);
  private final int swaps = Integer.getInteger("benchmark.swaps", 10);
  private final int determinismRuns = Integer.getInteger("benchmark.determinismRuns", 20);
  /**
   * Which parts run: cold, warm, swaps, boots, suites (comma-separated; all by default), and
   * determinism (about 25 minutes: only when named).
   */
  private final List<String> parts =
      List.of(System.getProperty("benchmark.parts", "cold,warm,swaps,boots,suites").split(","));
  /** Cold start plus the policies in force, for the side-by-side with a swap. */
  private final Samples coldWithPolicies = new Samples();

  /** Two application namespaces and every option. */
  static K10Profile k10() {
    return K10Profile.installedIn("kasten-io")
        .protecting("shop", "billing")
        .withStorageSecurityContext(1005, 1006, 2000)
        .withNfsSupplementalGroup(3000)
        .withGrafana(true);
  }

  public static void main(String[] args) {
    // the benchmark's own test classes have no baselines, and write none into the samples
    System.setProperty("policyprobe.baselines", System.getProperty("policyprobe.baselines", "off"));
    new PolicyProbeBenchmark().run();
  }

  private void run() {
    String loadBefore = Machine.loadAverage();
    long start = System.nanoTime();
    progress("policyprobe benchmark: " + coldStarts + " cold starts, " + warmRuns + " warm runs, "
        + kubectlPasses + " kubectl passes");
    Map<String, Runnable> parts = new java.util.LinkedHashMap<>();
    parts.put("cold", this::measureColdStarts);
    parts.put("warm", this::measureWarmCluster);
    parts.put("swaps", this::measureSwaps);
    parts.put("boots", this::measureBootsPerRun);
    parts.put("suites", this::measureSuites);
    parts.put("determinism", this::measureDeterminism);
    parts.put("versions", this::measureVersionMatrix);
    for (Map.Entry<String, Runnable> part : parts.entrySet()) {
      if (this.parts.contains(part.getKey())) {
        part.getValue().run();
      }
    }
    printReport(loadBefore, (System.nanoTime() - start) / 1e9);
  }

  private void measureColdStarts() {
    Samples ready = new Samples();
    Samples usable = new Samples();
    Samples policies = new Samples();
    Samples both = new Samples();
    Samples stop = new Samples();
    for (int i = 1; i <= coldStarts; i++) {
      progress("cold start " + i + "/" + coldStarts + ", no manifests");
      long t0 = System.nanoTime();
      try (RunningCluster cluster = Clusters.start(local)) {
        long t1 = System.nanoTime();
        cluster.client(); // waits for the API server's bootstrap data, as a test's first call does
        ready.add(t1 - t0);
        usable.add(System.nanoTime() - t0);
      }
    }
    for (int i = 1; i <= coldStarts; i++) {
      progress("cold start " + i + "/" + coldStarts + ", then " + POLICIES);
      long t0 = System.nanoTime();
      RunningCluster cluster = Clusters.start(local);
      long t1 = System.nanoTime();
      try {
        cluster.apply(POLICIES);
        cluster.client();
      } finally {
        long t2 = System.nanoTime();
        cluster.close();
        long t3 = System.nanoTime();
        policies.add(t2 - t1);
        both.add(t2 - t0);
        coldWithPolicies.add(t2 - t0);
        stop.add(t3 - t2);
      }
    }
    table.section("Local control plane (kube-apiserver + etcd on 127.0.0.1), cold starts, binaries cached");
    table.row("  cold start to ready: admission decides (Clusters.start, no manifests)", ready, READY_TARGET_MS);
    table.row("  cold start to usable by a test (client(): RBAC roles, PriorityClasses seeded too)", usable);
    table.row("  then policies applied and proven in force (" + POLICIES + "), usable", policies);
    table.row("  cold start with policies in force, usable (sum)", both);
    table.row("  stop (Cluster.close)", stop);
    findings.add(String.format(Locale.ROOT, "The first cold start in this JVM took %s ms to ready (class"
        + " loading, JIT); the median counts it as one of %d.", ResultTable.format(ready.firstMillis()), ready.count()));
  }

  private void measureWarmCluster() {
    progress("warm cluster: Clusters.start with " + POLICIES);
    long t0 = System.nanoTime();
    RunningCluster cluster = Clusters.start(local.withManifests(List.of(POLICIES)));
    Samples boot = new Samples();
    boot.add(System.nanoTime() - t0);
    table.row("  Clusters.start(spec.withManifests(...)), the warm cluster's boot", boot);
    try {
      measureProbes(cluster);
    } finally {
      cluster.close();
    }
  }

  private void measureProbes(RunningCluster cluster) {
    RequirementProfile k10 = k10().toProfile();
    boolean policing = true; // as every admission assertion does
    NeutralTemplate template = NeutralTemplate.restricted();
    int k10Probes = probeCount(k10.plan(), policing);
    List<NamespacePlan> restricted = podSecurityPlans(PodSecurityLevel.RESTRICTED, "shop", "billing");
    int restrictedProbes = probeCount(restricted, false);
    ControlPlanePids processes = controlPlanePids(cluster);

    ProfileCheck parallel = new ProfileCheck(new ProbeRunner(cluster.client()), template);
    ProfileCheck sequential = new ProfileCheck(
        new ProbeRunner(cluster.client(), 1, ProbeRunner.DEFAULT_TIMEOUT), template);
    Supplier<ProfileOutcome> k10Check =
        () -> parallel.run("permitsK10", k10, Expectation.ADMITTED, policing, false);
    Supplier<ProfileOutcome> restrictedCheck = () -> parallel.run("enforcesPodSecurity(RESTRICTED)",
        "Pod Security Standards restricted in shop, billing", restricted, Expectation.DENIED, false, true);

    Measure k10Parallel = new Measure("  K10 profile, every option, 2 app namespaces, " + k10Probes
        + " probes (ProfileCheck)", k10Check::get, cpuOf(processes));
    Measure k10Sequential = new Measure("  K10 profile, one probe at a time (ProbeRunner parallelism 1)",
        () -> sequential.run("permitsK10", k10, Expectation.ADMITTED, policing, false), cpuOf(processes));
    ProfileCheck watched = new ProfileCheck(new ProbeRunner(cluster.client()), template, LiveEnforcement.of(cluster));
    Measure k10Watched = new Measure("  K10 profile with fail-open detection (/metrics read before and after)",
        () -> watched.run("permitsK10", k10, Expectation.ADMITTED, policing, false), cpuOf(processes));
    Measure k10Assertion = new Measure("  assertThat(cluster).permitsK10(...) incl. report files",
        () -> assertionOutcome(() -> PolicyAssertions.assertThat(cluster).permitsK10(k10())), cpuOf(processes));
    Measure restrictedParallel = new Measure("  enforcesPodSecurity(RESTRICTED) in 2 namespaces, "
        + restrictedProbes + " probes (ProfileCheck)", restrictedCheck::get, cpuOf(processes));
    Measure restrictedAssertion = new Measure(
        "  assertThat(cluster).enforcesPodSecurity(RESTRICTED).in(...) incl. report files",
        () -> assertionOutcome(() -> PolicyAssertions.assertThat(cluster)
            .enforcesPodSecurity(PodSecurityLevel.RESTRICTED).in("shop", "billing")), cpuOf(processes));
    List<Measure> measures =
        List.of(k10Parallel, k10Watched, k10Sequential, k10Assertion, restrictedParallel, restrictedAssertion);

    progress("K10 profile and enforcesPodSecurity(RESTRICTED): " + warmRuns + " rounds");
    Measure.roundRobin(measures, WARM_UPS, warmRuns);
    Memory memory = residentMemory(processes);

    table.section("Warm cluster (" + POLICIES + " in force), " + warmRuns + " rounds after " + WARM_UPS
        + " warm-ups, the measures taking turns");
    table.row(k10Parallel.name(), k10Parallel.samples(), K10_TARGET_MS);
    for (Measure measure : measures.subList(1, measures.size())) {
      table.row(measure.name(), measure.samples());
    }
    table.section("  CPU per K10 profile run: " + k10Parallel.cpu().perRun());
    table.section("  CPU per K10 run one probe at a time: " + k10Sequential.cpu().perRun());
    table.section("  CPU per RESTRICTED run: " + restrictedParallel.cpu().perRun());
    ProfileOutcome k10Outcome = k10Check.get();
    ProfileOutcome restrictedOutcome = restrictedCheck.get();
    findings.add("K10 outcome: " + (k10Outcome.passed() ? "passed" : "failed") + " - " + k10Outcome.summary());
    findings.add("RESTRICTED outcome: " + (restrictedOutcome.passed() ? "passed" : "failed") + " - "
        + restrictedOutcome.summary());

    compareWithKubectl(cluster, k10, policing, template, k10Check, k10Sequential.samples(), k10Probes);
    table.section("Resident memory of the control plane after the probes ran (VmRSS)");
    table.section(memory.describe());
  }

  /** Runs an assertion for its cost, not its result: on this policy set some are meant to fail. */
  private static void assertionOutcome(Runnable assertion) {
    try {
      assertion.run();
    } catch (AssertionError expectedOnThisPolicySet) {
      // timed either way
    }
  }

  /**
   * Sends the K10 probes again as one kubectl process each. Each kubectl pass is followed by a few
   * policyprobe runs of the same profile, so that the ratio compares runs made under the same load.
   */
  private void compareWithKubectl(RunningCluster cluster, RequirementProfile k10, boolean policing,
      NeutralTemplate template, Supplier<ProfileOutcome> k10Check, Samples k10Sequential, int k10Probes) {
    CapturedProbes captured = new CapturedProbes();
    try (KubernetesClient client = cluster.newClient(b -> b.addOrReplaceInterceptor("benchmark-capture", captured))) {
      new ProfileCheck(new ProbeRunner(client), template)
          .run("permitsK10", k10, Expectation.ADMITTED, policing, false);
    }
    if (captured.requests().size() != k10Probes) {
      findings.add("WARNING: captured " + captured.requests().size() + " requests, expected " + k10Probes);
    }
    progress("kubectl: " + captured.requests().size() + " probes, " + kubectlPasses + " passes");
    Samples perProbe = new Samples();
    Samples total = new Samples();
    Samples paired = new Samples();
    int refused = -1;
    double kubectlCpu = 0;
    try (KubectlProbes probes = new KubectlProbes(kubectl, cluster.kubeconfigYaml(), captured.requests())) {
      probes.warmUp();
      for (int i = 0; i < kubectlPasses; i++) {
        double cpuBefore = CpuTime.ofWaitedChildren(CpuTime.self());
        KubectlProbes.Pass pass = probes.sendAll();
        kubectlCpu += CpuTime.ofWaitedChildren(CpuTime.self()) - cpuBefore;
        perProbe.addAll(pass.perProbe());
        total.add(pass.totalNanos());
        refused = pass.refused();
        for (int j = 0; j < PAIRED_RUNS; j++) {
          long t0 = System.nanoTime();
          k10Check.get();
          paired.add(System.nanoTime() - t0);
        }
      }
    }
    int count = captured.requests().size();
    table.section("The same " + count + " K10 probes, one `kubectl create --dry-run=server -f` process each ("
        + kubectl + "), " + kubectlPasses + " passes");
    table.row("  kubectl, per probe", perProbe);
    table.row("  kubectl, all " + count + " probes one after the other", total);
    table.row("  policyprobe K10 profile, " + PAIRED_RUNS + " runs after each kubectl pass", paired);
    table.section(String.format(Locale.ROOT, "  CPU per kubectl process (user+sys): %.0f ms",
        kubectlCpu / Math.max(1, perProbe.count())));
    double policyprobePerProbe = paired.medianMillis() / k10Probes;
    double sequentialPerProbe = k10Sequential.medianMillis() / k10Probes;
    double speedup = perProbe.medianMillis() / policyprobePerProbe;
    table.section(String.format(Locale.ROOT, "  per probe: kubectl %.1f ms; policyprobe %.2f ms (%d in"
        + " parallel), %.2f ms (one at a time)", perProbe.medianMillis(), policyprobePerProbe,
        ProbeRunner.DEFAULT_PARALLELISM, sequentialPerProbe));
    table.section(String.format(Locale.ROOT, "  ratio kubectl / policyprobe per probe: %.1fx (target >= %.0fx:"
        + " %s); one at a time: %.1fx; whole profile: %.1fx", speedup, SPEEDUP_TARGET,
        speedup >= SPEEDUP_TARGET ? "MET" : "MISSED", perProbe.medianMillis() / sequentialPerProbe,
        total.medianMillis() / paired.medianMillis()));
    findings.add("Refusals per pass: policyprobe " + captured.refused() + ", kubectl " + refused
        + " of " + count + " (the same objects, so the same decisions).");
    findings.add("kubectl: " + Machine.firstLineOf(kubectl, "version", "--client"));
  }

  /** kube-apiserver and etcd of a local cluster; nothing for other backends. */
  private record Memory(OptionalLong apiServerKib, OptionalLong etcdKib) {
    String describe() {
      if (apiServerKib.isEmpty() || etcdKib.isEmpty()) {
        return "  (no figure: not a local control plane, or its processes are gone)";
      }
      long sum = apiServerKib.getAsLong() + etcdKib.getAsLong();
      double megabytes = sum * 1024 / 1e6;
      return String.format(Locale.ROOT, "  kube-apiserver %d MiB + etcd %d MiB = %d MiB (%.0f MB); target <= %.0f MB: %s",
          apiServerKib.getAsLong() / 1024, etcdKib.getAsLong() / 1024, sum / 1024, megabytes,
          MEMORY_TARGET_MB, megabytes <= MEMORY_TARGET_MB ? "MET" : "MISSED");
    }
  }

  private static Memory residentMemory(ControlPlanePids processes) {
    return new Memory(rss(processes.apiServer()), rss(processes.etcd()));
  }

  private static OptionalLong rss(Optional<Long> pid) {
    return pid.map(ResidentMemory::kibibytes).orElse(OptionalLong.empty());
  }

  /** The local control plane's own processes (the benchmark boots it without engines). */
  private record ControlPlanePids(Optional<Long> apiServer, Optional<Long> etcd) {}

  private static ControlPlanePids controlPlanePids(RunningCluster cluster) {
    Map<String, ProcessHandle> processes = cluster.processes();
    if (!processes.keySet().equals(Set.of("etcd", "kube-apiserver"))) {
      throw new IllegalStateException("expected a local control plane without engines, got " + cluster
          + " running " + processes.keySet());
    }
    return new ControlPlanePids(Optional.of(processes.get("kube-apiserver").pid()),
        Optional.of(processes.get("etcd").pid()));
  }

  private static ControlPlaneCpu cpuOf(ControlPlanePids processes) {
    return new ControlPlaneCpu(processes.apiServer().orElse(-1L), processes.etcd().orElse(-1L));
  }

  /** Swapping one policy set for another on a running control plane, against a cold start with policies. */
  private void measureSwaps() {
    ClusterSpec first = local.withManifests(List.of(POLICIES));
    ClusterSpec second = local.withManifests(List.of("fsgroup-regression/"));
    progress(swaps + " manifest swaps between " + POLICIES + " and fsgroup-regression/");
    RunningCluster cluster = Clusters.start(first);
    // A swap ends just after one of the API server's once-a-second policy reloads (its proof
    // waits for one), so a swap that follows at once always waits out nearly a whole period. In a
    // suite a test class runs in between and the next swap starts anywhere in the period: the
    // pauses here spread evenly over it. The two kinds take turns.
    Samples backToBack = new Samples();
    Samples afterPause = new Samples();
    try {
      for (int i = 0; i < swaps; i++) {
        backToBack.add(timedSwap(cluster, i % 2 == 0 ? second : first));
        sleep(Duration.ofMillis((i * 617L) % 1000));
        afterPause.add(timedSwap(cluster, i % 2 == 0 ? first : second));
      }
    } finally {
      cluster.close();
    }
    table.section("Manifest swap on a running control plane (remove, prove removed, apply, prove in force), "
        + swaps + " swaps of each kind, taking turns");
    table.row("  swap " + POLICIES + " <-> fsgroup-regression/ after a test class (a pause of 0-0.95 s)",
        afterPause, SWAP_TARGET_MS);
    table.row("  the same, back to back (waits out a whole reload period)", backToBack);
    Samples swap = afterPause;
    if (coldWithPolicies.count() > 0) {
      table.section(String.format(Locale.ROOT, "  ratio cold start with policies / swap: %.1fx",
          coldWithPolicies.medianMillis() / swap.medianMillis()));
    }
  }

  private static long timedSwap(RunningCluster cluster, ClusterSpec next) {
    long start = System.nanoTime();
    cluster.swapTo(next);
    return System.nanoTime() - start;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * The ten determinism specs ({@link DeterminismSuite}) run {@code determinismRuns} times, each a
   * JUnit Launcher run of its own (one pooled cluster with both engines, swapping between specs),
   * each writing its verdict records into a folder of its own; every record file is then compared,
   * byte for byte, with the first run's. Then what the namespace-epoch proof adds to a swap: swaps
   * between the specs after a pause, each followed by one more proof on the settled cluster.
   */
  private void measureDeterminism() {
    List<Class<?>> suite = DeterminismSuite.all();
    Path root;
    try {
      root = Files.createTempDirectory("policyprobe-determinism");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String reportDir = System.getProperty(Report.DIR_PROPERTY);
    Samples runs = new Samples();
    long failedTests = 0;
    try {
      for (int run = 1; run <= determinismRuns; run++) {
        progress("determinism run " + run + "/" + determinismRuns + ": " + suite.size() + " specs, reuse on");
        System.setProperty(Report.DIR_PROPERTY, root.resolve(String.format(Locale.ROOT, "run-%02d", run)).toString());
        BootsPerRun.Result result = BootsPerRun.run(suite);
        runs.add(result.nanos());
        failedTests += result.testsFailed();
        result.failures().forEach(f -> findings.add("determinism suite test failed: " + f));
      }
    } finally {
      if (reportDir == null) {
        System.clearProperty(Report.DIR_PROPERTY);
      } else {
        System.setProperty(Report.DIR_PROPERTY, reportDir);
      }
    }
    RecordComparison comparison = RecordComparison.of(root, determinismRuns);
    table.section(String.format(Locale.ROOT, "Determinism: %d specs x %d runs (reuse on, both engines):"
        + " %d of %d record files differ from run 1 (target 0), over %d records per run; %d test failures",
        suite.size(), determinismRuns, comparison.differing(), comparison.compared(), comparison.recordsPerRun(),
        failedTests));
    comparison.differences().stream().limit(10).forEach(d -> findings.add("determinism: " + d));
    table.row("  one run of the suite (boot with engines, 10 classes, 9 swaps)", runs);

    ClusterSpec base = local.withEngines(Set.of(Engine.KYVERNO, Engine.GATEKEEPER))
        .withReadyTimeout(Duration.ofSeconds(180));
    Samples swapTimes = new Samples();
    Samples proofTimes = new Samples();
    progress(swaps + " swaps between the determinism specs, each followed by a namespace-epoch proof");
    try (RunningCluster cluster = Clusters.start(base.withManifests(List.of("determinism/spec01/")))) {
      NamespaceEpochs epochs = new NamespaceEpochs(cluster.client(), true, true, true);
      for (int i = 0; i < swaps; i++) {
        sleep(Duration.ofMillis((i * 617L) % 1000));
        swapTimes.add(timedSwap(cluster, base.withManifests(
            List.of(String.format(Locale.ROOT, "determinism/spec%02d/", (i + 1) % 10 + 1)))));
        long start = System.nanoTime();
        epochs.awaitCurrent(Duration.ofSeconds(60));
        proofTimes.add(System.nanoTime() - start);
      }
    }
    table.row("  swap between determinism specs after a pause (the proof included)", swapTimes, SWAP_TARGET_MS);
    table.row("  the namespace-epoch proof alone, on the settled cluster", proofTimes);
    table.section(String.format(Locale.ROOT, "  the proof's share of a swap: %.0f%% (median %.0f ms of %.0f ms)",
        100 * proofTimes.medianMillis() / swapTimes.medianMillis(), proofTimes.medianMillis(),
        swapTimes.medianMillis()));
  }

  /**
   * Suites as platform repos lay them out, through the JUnit Launcher: as by default (reuse, and
   * the next cluster started ahead), without starting ahead (-Dpolicyprobe.prestart=false), and
   * without reuse (-Dpolicyprobe.reuseClusters=false: one boot per distinct spec).
   */
  private void measureSuites() {
    List<Class<?>> engines = EngineSuiteClasses.all();
    List<Class<?>> samples = sampleClasses();
    table.section("Suites, one JUnit Launcher run each: default (reuse + next cluster started ahead) |"
        + " prestart=false | reuseClusters=false");
    for (var suite : List.of(Map.entry("8 engine-backed classes, 8 policy sets (4 Kyverno, 4 Gatekeeper)", engines),
        Map.entry(samples.size() + " sample suites (the io.github.policyprobe.samples package)", samples))) {
      List<BootsPerRun.Result> results = new ArrayList<>();
      for (Map.Entry<String, String> mode : List.of(Map.entry("", ""),
          Map.entry("policyprobe.prestart", "false"), Map.entry("policyprobe.reuseClusters", "false"))) {
        progress("suite: " + suite.getKey() + (mode.getKey().isEmpty() ? ", default" : ", -D" + mode.getKey() + "=false"));
        if (!mode.getKey().isEmpty()) {
          System.setProperty(mode.getKey(), mode.getValue());
        }
        try {
          results.add(BootsPerRun.run(suite.getValue()));
        } finally {
          if (!mode.getKey().isEmpty()) {
            System.clearProperty(mode.getKey());
          }
        }
      }
      BootsPerRun.Result on = results.get(0);
      BootsPerRun.Result noPrestart = results.get(1);
      BootsPerRun.Result off = results.get(2);
      table.section(String.format(Locale.ROOT, "  %s: default %.1f s, %d boot(s) | prestart off %.1f s, %d boot(s)"
          + " | reuse off %.1f s, %d boot(s); default vs prestart off %.2fx, vs reuse off %.1fx;"
          + " tests %d/%d/%d passed, %d/%d/%d failed", suite.getKey(), on.nanos() / 1e9, on.boots(),
          noPrestart.nanos() / 1e9, noPrestart.boots(), off.nanos() / 1e9, off.boots(),
          (double) noPrestart.nanos() / on.nanos(), (double) off.nanos() / on.nanos(), on.testsSucceeded(),
          noPrestart.testsSucceeded(), off.testsSucceeded(), on.testsFailed(), noPrestart.testsFailed(),
          off.testsFailed()));
      List<String> modes = List.of("default", "prestart off", "reuse off");
      for (int m = 0; m < results.size(); m++) {
        String name = modes.get(m);
        results.get(m).failures().forEach(f -> findings.add("suite test failed (" + name + "): " + f));
      }
    }
  }

  /**
   * The sample suites on one Kubernetes version (the default), then as a matrix over three
   * (-Dpolicyprobe.kubernetesVersions), in one run, side by side. The matrix's baselines go to a
   * scratch folder: the committed ones are of the default version.
   */
  private void measureVersionMatrix() {
    List<Class<?>> samples = sampleClasses();
    String versions = System.getProperty("benchmark.versions", "1.34,1.36,1.37");
    progress("suite: " + samples.size() + " sample suites on the default version");
    BootsPerRun.Result one = BootsPerRun.run(samples);
    progress("suite: the same as a matrix over " + versions);
    BootsPerRun.Result matrix;
    try {
      System.setProperty(KubernetesVersions.MATRIX_PROPERTY, versions);
      System.setProperty("policyprobe.baselines.dir", Files.createTempDirectory("policyprobe-matrix-baselines").toString());
      matrix = BootsPerRun.run(samples);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      System.clearProperty(KubernetesVersions.MATRIX_PROPERTY);
      System.clearProperty("policyprobe.baselines.dir");
    }
    int count = KubernetesVersions.resolveAll(versions).size();
    double ratio = (double) matrix.nanos() / one.nanos();
    table.section(String.format(Locale.ROOT, "Version matrix, %d sample suites: one version (%s) %.1f s, %d boot(s),"
        + " tests %d passed, %d failed | %d versions (%s) %.1f s, %d boot(s), tests %d passed, %d failed;"
        + " matrix / one version %.2fx (target <= %dx: %s)", samples.size(), local.kubernetesVersion(),
        one.nanos() / 1e9, one.boots(), one.testsSucceeded(), one.testsFailed(), count, versions,
        matrix.nanos() / 1e9, matrix.boots(), matrix.testsSucceeded(), matrix.testsFailed(), ratio, count,
        ratio <= count ? "MET" : "MISSED"));
    one.failures().forEach(f -> findings.add("suite test failed (one version): " + f));
    matrix.failures().forEach(f -> findings.add("suite test failed (matrix): " + f));
  }

  /** Every @PolicyCluster class of the samples package, as README command 1 runs them. */
  private static List<Class<?>> sampleClasses() {
    List<Class<?>> classes = BootsPerRun.policyClusterClassesIn("io.github.policyprobe.samples");
    if (classes.size() < 8) {
      throw new IllegalStateException("only " + classes + " found in the samples package: update the benchmark");
    }
    return classes;
  }

  private void measureBootsPerRun() {
    List<Class<?>> classes = SameSettingsClasses.all();
    progress("JUnit Launcher: " + classes.size() + " @PolicyCluster classes with the same settings");
    BootsPerRun.Result result = BootsPerRun.run(classes);
    table.section(String.format(Locale.ROOT, "Boots per JVM run: %d test classes with the same @PolicyCluster"
        + " settings booted %d cluster(s) (target 1: %s); tests %d passed, %d failed; whole run %.1f s",
        result.classes(), result.boots(), result.boots() == 1 ? "MET" : "MISSED",
        result.testsSucceeded(), result.testsFailed(), result.nanos() / 1e9));
    result.failures().forEach(f -> findings.add("Launcher test failed: " + f));
  }

  private void printReport(String loadBefore, double seconds) {
    System.out.println();
    System.out.println("policyprobe benchmark, " + Machine.now());
    System.out.println("machine: " + Machine.processors() + " CPUs (nproc), " + Machine.cpuModel() + ", "
        + Machine.memTotal() + " RAM; load average " + loadBefore + " at start, " + Machine.loadAverage()
        + " at end");
    System.out.println("java: " + Machine.java() + "; Kubernetes " + local.kubernetesVersion());
    System.out.println();
    System.out.print(table.render());
    System.out.println();
    findings.forEach(f -> System.out.println("- " + f));
    System.out.printf(Locale.ROOT, "- Whole benchmark: %.0f s.%n", seconds);
  }

  private static List<NamespacePlan> podSecurityPlans(PodSecurityLevel level, String... namespaces) {
    List<Requirement> controls = PodSecurityControls.forLevel(level).stream()
        .map(PodSecurityControl::asRequirement).toList();
    return List.of(namespaces).stream()
        .map(ns -> new NamespacePlan(ns, Set.of(NamespaceRole.CHECKED), controls))
        .toList();
  }

  /** Requests one check sends: the neutral template, the policing pod, every variant (a Deployment twice). */
  private static int probeCount(List<NamespacePlan> plans, boolean policing) {
    int count = 0;
    for (NamespacePlan plan : plans) {
      count += 1 + (policing ? 2 : 0); // the policing pod goes as a Pod and as a Deployment
      for (Requirement requirement : plan.requirements()) {
        for (ProbeVariant variant : requirement.variants()) {
          count += variant.asDeployment() ? 2 : 1;
        }
      }
    }
    return count;
  }

  private static void progress(String message) {
    System.err.println("[benchmark] " + message);
  }
}
