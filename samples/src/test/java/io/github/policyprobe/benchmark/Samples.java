package io.github.policyprobe.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations of one measure, in nanoseconds; medians rather than means, since a shared machine has outliers. */
final class Samples {
  private final List<Long> nanos = new ArrayList<>();

  void add(long value) {
    nanos.add(value);
  }

  void addAll(Samples other) {
    nanos.addAll(other.nanos);
  }

  int count() {
    return nanos.size();
  }

  double medianMillis() {
    List<Long> sorted = sorted();
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    double middle = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    return middle / 1e6;
  }

  double minMillis() {
    return nanos.isEmpty() ? Double.NaN : Collections.min(nanos) / 1e6;
  }

  double maxMillis() {
    return nanos.isEmpty() ? Double.NaN : Collections.max(nanos) / 1e6;
  }

  /** The first sample: in a fresh JVM it carries class loading and JIT warm-up. */
  double firstMillis() {
    return nanos.isEmpty() ? Double.NaN : nanos.get(0) / 1e6;
  }

  private List<Long> sorted() {
    List<Long> copy = new ArrayList<>(nanos);
    Collections.sort(copy);
    return copy;
  }
}
