package io.github.policyprobe.engines;

import io.github.policyprobe.cluster.Versions;

/** The pinned engine versions the local backend builds and runs (and k3s installs). */
public final class EngineVersions {
  public static final String KYVERNO = Versions.KYVERNO;
  public static final String GATEKEEPER = Versions.GATEKEEPER;

  private EngineVersions() {}
}
