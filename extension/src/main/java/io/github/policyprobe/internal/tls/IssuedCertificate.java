package io.github.policyprobe.internal.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A certificate and its key, both as PEM (for files and kubeconfigs) and as JCA objects (for an
 * in-JVM HTTPS server such as a test webhook).
 */
public record IssuedCertificate(
    String certificatePem, String privateKeyPem, X509Certificate certificate, PrivateKey privateKey) {}
