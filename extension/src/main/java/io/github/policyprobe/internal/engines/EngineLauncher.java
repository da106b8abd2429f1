package io.github.policyprobe.internal.engines;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.policyprobe.cluster.Engine;
import io.github.policyprobe.internal.progress.ProgressLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Starts webhook engines as processes next to a local control plane, one after the other (in enum
 * order), each proven to decide before the next starts.
 */
public final class EngineLauncher {
  private static final Logger LOG = ProgressLog.of(EngineLauncher.class);

  private EngineLauncher() {}

  /**
   * Starts {@code engines} next to the control plane {@code host} describes; call it after the
   * control plane answers and before any manifest is applied. Close the result before the cluster.
   *
   * @param timeout how long each wait may take (CRDs, webhook registration, each canary step)
   * @param valuesFiles per engine, the Helm values file the team installs it with
   * @throws EngineStartException naming the engine and step that failed, with its log; engines
   *     already started are stopped again
   */
  public static RunningEngines start(Collection<Engine> engines, EngineHost host, Duration timeout,
      Map<Engine, String> valuesFiles) {
    List<RunningEngine> started = new ArrayList<>();
    try (KubernetesClient client = host.newClient()) {
      for (Engine engine : engines.stream().sorted().toList()) {
        long begin = System.nanoTime();
        RunningEngine running = switch (engine) {
          case KYVERNO -> KyvernoProcess.start(host, client, timeout, values(valuesFiles, engine));
          case GATEKEEPER -> GatekeeperProcess.start(host, client, timeout, values(valuesFiles, engine));
          default -> throw new IllegalArgumentException(engine + " is not started by policyprobe");
        };
        started.add(running);
        LOG.info("{} decides admission requests on 127.0.0.1:{}: {} ms with its CRDs and objects,"
            + " {} ms from launching the process to its first proven decision; {} KiB resident",
            running.name(), running.webhookPort(), (System.nanoTime() - begin) / 1_000_000,
            running.startDuration().toMillis(), running.residentMemoryKiB().orElse(-1));
      }
      return new RunningEngines(started);
    } catch (RuntimeException e) {
      new RunningEngines(started).close();
      throw e;
    }
  }

  private static EngineValues values(Map<Engine, String> valuesFiles, Engine engine) {
    String file = valuesFiles.get(engine);
    if (file == null) {
      return EngineValues.defaults();
    }
    EngineValues values = EngineValues.read(file);
    LOG.info("{} runs with the admission settings of {}: flags {}{}", engine, file,
        engine == Engine.KYVERNO ? values.kyvernoFlags() : values.gatekeeperFlags(),
        engine == Engine.KYVERNO ? ", ConfigMap kyverno " + values.kyvernoConfig().keySet() : "");
    return values;
  }
}
