package io.github.policyprobe.internal.local;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A kubeconfig for one server, with the certificates inline so the file stands on its own. */
final class Kubeconfig {
  private Kubeconfig() {}

  static String withClientCertificate(String serverUrl, String caPem, String certPem, String keyPem) {
    return String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: policyprobe",
        "  cluster:",
        "    server: " + serverUrl,
        "    certificate-authority-data: " + base64(caPem),
        "users:",
        "- name: policyprobe-admin",
        "  user:",
        "    client-certificate-data: " + base64(certPem),
        "    client-key-data: " + base64(keyPem),
        "contexts:",
        "- name: policyprobe",
        "  context:",
        "    cluster: policyprobe",
        "    user: policyprobe-admin",
        "current-context: policyprobe",
        "");
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}
