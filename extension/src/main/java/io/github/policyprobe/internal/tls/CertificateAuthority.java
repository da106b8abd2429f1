package io.github.policyprobe.internal.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority, made anew for each cluster: it signs the API server's
 * serving certificate, the admin's client certificate and the certificates of webhook servers
 * that listen on 127.0.0.1. Nothing it issues outlives the test run.
 */
public final class CertificateAuthority {
  private static final Duration VALIDITY = Duration.ofDays(2);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private CertificateAuthority(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  /** A new self-signed CA with the given common name. */
  public static CertificateAuthority create(String commonName) {
    KeyPair keys = newKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    try {
      X509v3CertificateBuilder builder = builder(name, name, keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
      return new CertificateAuthority(keys, sign(builder, keys));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not create a certificate authority", e);
    }
  }

  /** The CA certificate, PEM encoded: what clients trust and webhooks put into caBundle. */
  public String certificatePem() {
    return pem(certificate);
  }

  /** A serving certificate for the given IP addresses and DNS names. */
  public IssuedCertificate issueServer(String commonName, List<String> ipAddressesAndDnsNames) {
    List<GeneralName> names = new ArrayList<>();
    for (String name : ipAddressesAndDnsNames) {
      boolean ip = name.matches("[0-9.]+") || name.contains(":");
      names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
    }
    return issue("CN=" + commonName, KeyPurposeId.id_kp_serverAuth,
        new GeneralNames(names.toArray(GeneralName[]::new)));
  }

  /** A client certificate; Kubernetes reads the user from CN and the groups from O. */
  public IssuedCertificate issueClient(String user, String... groups) {
    StringBuilder subject = new StringBuilder();
    for (String group : groups) {
      subject.append("O=").append(group).append(',');
    }
    subject.append("CN=").append(user);
    // RSA: fabric8 reads client keys from a kubeconfig as RSA unless told otherwise.
    return issue(subject.toString(), KeyPurposeId.id_kp_clientAuth, null, newRsaKeyPair());
  }

  private IssuedCertificate issue(String subject, KeyPurposeId purpose, GeneralNames names) {
    return issue(subject, purpose, names, newKeyPair());
  }

  private IssuedCertificate issue(String subject, KeyPurposeId purpose, GeneralNames names,
      KeyPair keys) {
    try {
      X509v3CertificateBuilder builder =
          builder(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
              new X500Name(subject), keys);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
      if (names != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, names);
      }
      X509Certificate issued = sign(builder, keyPair);
      return new IssuedCertificate(pem(issued), pkcs8Pem(keys.getPrivate()), issued, keys.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not issue a certificate for " + subject, e);
    }
  }

  /**
   * A key pair for signing service-account tokens: the private key as PKCS#8 and the public key
   * on its own, since kube-apiserver reads public keys only from "PUBLIC KEY" blocks.
   */
  public static ServiceAccountKeys newServiceAccountKeys() {
    KeyPair keys = newKeyPair();
    return new ServiceAccountKeys(pkcs8Pem(keys.getPrivate()), pem(keys.getPublic()));
  }

  /** PEM encoded service-account signing keys. */
  public record ServiceAccountKeys(String privateKeyPem, String publicKeyPem) {}

  /** PKCS#8 ("PRIVATE KEY"): the one key format that Go, fabric8 and the JDK all read. */
  private static String pkcs8Pem(java.security.PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs(),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws GeneralSecurityException {
    try {
      ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate EC P-256 keys", e);
    }
  }

  private static KeyPair newRsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate RSA keys", e);
    }
  }

  static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
