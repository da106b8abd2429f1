package io.github.policyprobe.internal.cluster;

import io.github.policyprobe.cluster.Backend;

/**
 * The backend a spec boots on, and why: AUTO's fallback to the local control plane is worth one
 * log line that says what kept k3s out.
 *
 * @param backend never AUTO
 * @param why a sentence a person reads in the log
 */
public record BackendChoice(Backend backend, String why) {}
