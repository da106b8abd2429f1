package io.github.policyprobe.internal.engines;

import java.util.ArrayList;
import java.util.List;

/** The engines started next to one cluster; closing stops them, the last started first. */
public final class RunningEngines implements AutoCloseable {
  private final List<RunningEngine> engines;

  RunningEngines(List<RunningEngine> engines) {
    this.engines = List.copyOf(engines);
  }

  public List<RunningEngine> engines() {
    return engines;
  }

  /** Whether every engine process still runs (a dead engine means a cluster to replace). */
  public boolean allAlive() {
    return engines.stream().allMatch(engine -> engine.process().isAlive());
  }

  @Override
  public void close() {
    List<RunningEngine> reversed = new ArrayList<>(engines);
    java.util.Collections.reverse(reversed);
    reversed.forEach(RunningEngine::close);
  }
}
