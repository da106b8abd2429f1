/**
 * The backend SPI: what a backend implements ({@link io.github.policyprobe.internal.spi.ClusterBackend})
 * and hands back ({@link io.github.policyprobe.internal.spi.StartedCluster}). Backends are found
 * through {@link java.util.ServiceLoader}; test authors never need this package.
 */
package io.github.policyprobe.internal.spi;
