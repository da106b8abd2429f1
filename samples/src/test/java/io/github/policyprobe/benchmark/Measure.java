package io.github.policyprobe.benchmark;

import java.util.List;

/** One piece of work timed again and again, with the CPU it made the control plane and this JVM spend. */
final class Measure {
  private final String name;
  private final Runnable work;
  private final Samples samples = new Samples();
  private final ControlPlaneCpu cpu;

  Measure(String name, Runnable work, ControlPlaneCpu cpu) {
    this.name = name;
    this.work = work;
    this.cpu = cpu;
  }

  String name() {
    return name;
  }

  Samples samples() {
    return samples;
  }

  ControlPlaneCpu cpu() {
    return cpu;
  }

  void runUntimed() {
    work.run();
  }

  void runTimed() {
    double[] before = cpu.snapshot();
    long start = System.nanoTime();
    work.run();
    samples.add(System.nanoTime() - start);
    cpu.addSince(before);
  }

  /**
   * Runs every measure {@code warmUps} times untimed, then {@code runs} rounds of one timed run
   * each, in turn: on a shared machine the neighbours' load then falls on all of them alike.
   */
  static void roundRobin(List<Measure> measures, int warmUps, int runs) {
    for (int i = 0; i < warmUps; i++) {
      measures.forEach(Measure::runUntimed);
    }
    for (int i = 0; i < runs; i++) {
      measures.forEach(Measure::runTimed);
    }
  }
}
