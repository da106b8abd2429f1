package io.github.policyprobe.benchmark;

import java.util.Locale;

/** CPU spent by kube-apiserver, etcd and this JVM over a number of runs. */
final class ControlPlaneCpu {
  private final long apiServerPid;
  private final long etcdPid;
  private final double[] total = new double[3];
  private int runs;

  ControlPlaneCpu(long apiServerPid, long etcdPid) {
    this.apiServerPid = apiServerPid;
    this.etcdPid = etcdPid;
  }

  double[] snapshot() {
    return new double[] {CpuTime.ofProcess(apiServerPid), CpuTime.ofProcess(etcdPid),
        CpuTime.ofProcess(CpuTime.self())};
  }

  void addSince(double[] before) {
    double[] now = snapshot();
    for (int i = 0; i < total.length; i++) {
      total[i] += now[i] - before[i];
    }
    runs++;
  }

  /** Such as {@code kube-apiserver 60 ms, etcd 0 ms, this JVM 40 ms per run}. */
  String perRun() {
    if (runs == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "kube-apiserver %.0f ms, etcd %.0f ms, this JVM %.0f ms",
        total[0] / runs, total[1] / runs, total[2] / runs);
  }
}
