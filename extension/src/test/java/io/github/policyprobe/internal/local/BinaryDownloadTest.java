package io.github.policyprobe.internal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.policyprobe.internal.versions.Versions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release-download path of kube-binaries.sh, against a loopback mirror that serves the
 * upstream layout (envtest index, envtest archive, Kubernetes and etcd release files with their
 * checksums) made from the binaries built here. Go builds are off, so a failed download is final.
 */
class BinaryDownloadTest {
  private static final String K8S = Versions.KUBERNETES;
  private static final String ETCD = Versions.ETCD;
  private static final String ARCH = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
  private static final String ENVTEST_INDEX =
      "https://raw.githubusercontent.com/kubernetes-sigs/controller-tools/main/envtest-releases.yaml";
  private static final String ENVTEST_NAME = "envtest-" + K8S + "-linux-" + ARCH + ".tar.gz";
  private static final String ENVTEST_ARCHIVE = "https://github.com/kubernetes-sigs/controller-tools/releases/download/envtest-"
      + K8S + "/" + ENVTEST_NAME;
  private static final String ETCD_NAME = "etcd-" + ETCD + "-linux-" + ARCH + ".tar.gz";
  private static final String ETCD_BASE = "https://github.com/etcd-io/etcd/releases/download/" + ETCD + "/";
  private static final String APISERVER_RELEASE = "https://dl.k8s.io/release/" + K8S + "/bin/linux/" + ARCH + "/kube-apiserver";

  @TempDir static Path archives;
  private static KubeBinaries built;
  private static byte[] envtestArchive;
  private static byte[] etcdArchive;

  @TempDir Path cache;
  private UpstreamMirror mirror;

  @BeforeAll
  static void packUpstreamArchivesFromTheBinariesBuiltHere() throws Exception {
    assumeTrue(System.getProperty("os.name").equals("Linux"), "the archives are packed as for Linux");
    built = KubeBinaries.forVersion(K8S);
    Path envtest = Files.createDirectories(archives.resolve("envtest/controller-tools/envtest"));
    Files.copy(built.apiServer(), envtest.resolve("kube-apiserver"));
    Files.copy(built.etcd(), envtest.resolve("etcd"));
    envtestArchive = tarGz(archives.resolve("envtest"), "controller-tools");
    Path etcd = Files.createDirectories(archives.resolve("etcd/etcd-" + ETCD + "-linux-" + ARCH));
    Files.copy(built.etcd(), etcd.resolve("etcd"));
    etcdArchive = tarGz(archives.resolve("etcd"), etcd.getFileName().toString());
  }

  @BeforeEach
  void startMirror() throws IOException {
    mirror = UpstreamMirror.start();
  }

  @AfterEach
  void stopMirror() throws IOException {
    mirror.close();
  }

  @Test
  void withoutAKubernetesReleaseBinaryTheEnvtestArchiveIsUsedAndVerified() throws Exception {
    serveEtcd();
    mirror.put(ENVTEST_INDEX, envtestIndex(sha512(envtestArchive))).put(ENVTEST_ARCHIVE, envtestArchive);

    String output = provision();

    Path folder = cache.resolve("k8s").resolve(K8S);
    assertThat(folder.resolve("kube-apiserver")).isExecutable().hasSameBinaryContentAs(built.apiServer());
    assertThat(folder.resolve("etcd")).isExecutable().hasSameBinaryContentAs(built.etcd());
    assertThat(output).contains("kube-apiserver: no release binary (could not download " + mirror.baseUrl()
        + "/dl.k8s.io/release/" + K8S + "/bin/linux/" + ARCH + "/kube-apiserver: curl: (22)")
        .contains("kube-apiserver: downloaded in").contains("etcd: downloaded in");
    assertThat(mirror.requested()).containsSubsequence(ETCD_BASE + ETCD_NAME, ETCD_BASE + "SHA256SUMS",
        APISERVER_RELEASE, ENVTEST_INDEX, ENVTEST_ARCHIVE);
    assertThat(filesIn(cache)).containsExactlyInAnyOrder(folder.resolve("etcd"), folder.resolve("kube-apiserver"));

    // A second run finds them and downloads nothing.
    int requestsBefore = mirror.requested().size();
    assertThat(provision()).contains("cached: kube-apiserver " + K8S + " and etcd " + ETCD);
    assertThat(mirror.requested()).hasSize(requestsBefore);
  }

  @Test
  void onLinuxTheKubernetesReleaseBinaryComesFirst() throws Exception {
    serveEtcd();
    byte[] apiServer = Files.readAllBytes(built.apiServer());
    mirror.put(APISERVER_RELEASE, apiServer).put(APISERVER_RELEASE + ".sha256", sha256(apiServer) + "\n");

    provision();

    assertThat(cache.resolve("k8s").resolve(K8S).resolve("kube-apiserver")).hasSameBinaryContentAs(built.apiServer());
    assertThat(mirror.requested()).doesNotContain(ENVTEST_INDEX);
  }

  @Test
  void aWrongChecksumNamesBothSumsAndLeavesNoBinary() throws Exception {
    serveEtcd();
    String wrong = "0".repeat(128);
    mirror.put(ENVTEST_INDEX, envtestIndex(wrong)).put(ENVTEST_ARCHIVE, envtestArchive);

    assertThat(provisionFails()).contains("ERROR: kube-apiserver: " + mirror.baseUrl() + "/github.com/kubernetes-sigs/"
            + "controller-tools/releases/download/envtest-" + K8S + "/" + ENVTEST_NAME + ": sha512 mismatch: expected "
            + wrong + ", got " + sha512(envtestArchive))
        .contains("not building it from Go modules (POLICYPROBE_NO_BUILD=1)");
    Path folder = cache.resolve("k8s").resolve(K8S);
    assertThat(filesIn(cache)).containsExactly(folder.resolve("etcd"));
  }

  @Test
  void aTruncatedDownloadIsAnErrorAndLeavesNothing() throws Exception {
    mirror.putTruncated(ETCD_BASE + ETCD_NAME, etcdArchive).put(ETCD_BASE + "SHA256SUMS", etcdSums());

    assertThat(provisionFails()).contains("ERROR: etcd: could not download " + mirror.baseUrl() + "/github.com/etcd-io/etcd/"
            + "releases/download/" + ETCD + "/" + ETCD_NAME + ": curl: (18)");
    assertThat(filesIn(cache)).isEmpty();
  }

  @Test
  void aMissingFileIsA404ErrorNamingTheUrlAndLeavesNothing() throws Exception {
    mirror.put(ETCD_BASE + ETCD_NAME, etcdArchive);

    assertThat(provisionFails()).contains("ERROR: etcd: could not download " + mirror.baseUrl() + "/github.com/etcd-io/etcd/"
            + "releases/download/" + ETCD + "/SHA256SUMS: curl: (22) The requested URL returned error: 404");
    assertThat(filesIn(cache)).isEmpty();
  }

  private String provision() throws Exception {
    Run run = runScript();
    assertThat(run.exitCode()).as("kube-binaries.sh exit code; its output:%n%s", run.output()).isZero();
    return run.output();
  }

  private String provisionFails() throws Exception {
    Run run = runScript();
    assertThat(run.exitCode()).as("kube-binaries.sh exit code; its output:%n%s", run.output()).isEqualTo(1);
    return run.output();
  }

  private record Run(int exitCode, String output) {}

  /** The bundled script as BundledScript runs it, with the mirror set and Go builds off. */
  private Run runScript() throws Exception {
    Path script = archives.resolve("kube-binaries.sh");
    try (InputStream in = KubeBinaries.class.getResourceAsStream("kube-binaries.sh")) {
      Files.write(script, in.readAllBytes());
    }
    Path log = Files.createTempFile(archives, "kube-binaries", ".log");
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("POLICYPROBE_CACHE", cache.toString());
    builder.environment().put("POLICYPROBE_MIRROR", mirror.baseUrl());
    builder.environment().put("POLICYPROBE_NO_BUILD", "1");
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError("kube-binaries.sh still ran after 2 minutes; its output:\n" + Files.readString(log));
    }
    return new Run(process.exitValue(), Files.readString(log));
  }

  private void serveEtcd() throws Exception {
    mirror.put(ETCD_BASE + ETCD_NAME, etcdArchive).put(ETCD_BASE + "SHA256SUMS", etcdSums());
  }

  private static String etcdSums() throws NoSuchAlgorithmException {
    // Other platforms' lines around ours, as in the real file.
    return sha256(new byte[] {1}) + "  etcd-" + ETCD + "-darwin-arm64.zip\n"
        + sha256(etcdArchive) + "  " + ETCD_NAME + "\n"
        + sha256(new byte[] {2}) + "  etcd-" + ETCD + "-windows-amd64.zip\n";
  }

  /** envtest-releases.yaml as controller-tools publishes it, listing our archive among others. */
  private static String envtestIndex(String hash) {
    return "releases:\n"
        + "  v1.34.1:\n"
        + "    envtest-v1.34.1-linux-" + ARCH + ".tar.gz:\n"
        + "      hash: " + "f".repeat(128) + "\n"
        + "      selfLink: https://github.com/kubernetes-sigs/controller-tools/releases/download/envtest-v1.34.1/envtest-v1.34.1-linux-" + ARCH + ".tar.gz\n"
        + "  " + K8S + ":\n"
        + "    envtest-" + K8S + "-darwin-arm64.tar.gz:\n"
        + "      hash: " + "e".repeat(128) + "\n"
        + "      selfLink: https://github.com/kubernetes-sigs/controller-tools/releases/download/envtest-" + K8S + "/envtest-" + K8S + "-darwin-arm64.tar.gz\n"
        + "    " + ENVTEST_NAME + ":\n"
        + "      hash: " + hash + "\n"
        + "      selfLink: " + ENVTEST_ARCHIVE + "\n";
  }

  private static byte[] tarGz(Path folder, String entry) throws Exception {
    Path archive = Files.createTempFile(archives, "archive", ".tar.gz");
    Process tar = new ProcessBuilder("bash", "-c", "tar -C \"$1\" -cf - \"$2\" | gzip -1 > \"$3\"", "tar",
        folder.toString(), entry, archive.toString()).inheritIO().start();
    assertThat(tar.waitFor()).as("tar of %s", folder).isZero();
    return Files.readAllBytes(archive);
  }

  private static List<Path> filesIn(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private static String sha256(byte[] data) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static String sha512(byte[] data) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
  }
}
