package io.github.policyprobe.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines as etcd v3.6.16 and kube-apiserver v1.34.4 wrote them in this project's runs. */
class ErrorLinesTest {

  @Test
  void aJsonErrorIsItsMessageAndErrorWithoutTheStackTrace() {
    String etcd = "{\"level\":\"error\",\"ts\":\"2026-11-30T12:49:56.672775Z\",\"caller\":\"version/monitor.go:120\","
        + "\"msg\":\"failed to update storage version\",\"cluster-version\":\"3.6.0\",\"error\":\"cannot detect"
        + " storage schema version: missing term information\",\"stacktrace\":\"go.etcd.io/etcd/server/v3/"
        + "etcdserver/version.(*Monitor).UpdateStorageVersionIfNeeded\\n\\tgo.etcd.io/etcd/server/v3@v3.6.16\"}";
    assertThat(ErrorLines.lastError(List.of(etcd, "{\"level\":\"info\",\"msg\":\"ready to serve client requests\"}")))
        .contains("failed to update storage version: cannot detect storage schema version: missing term information");
  }

  @Test
  void aKlogErrorIsKeptWhole() {
    String apiServer = "E1130 12:47:28.066971   11188 run.go:72] \"command failed\" err=\"failed to create listener\"";
    assertThat(ErrorLines.lastError(List.of(apiServer, "I1130 12:47:28.1 something else"))).contains(apiServer);
  }

  @Test
  void withoutAnErrorTheLastLineSpeaks() {
    assertThat(ErrorLines.lastError(List.of("I1130 started", "Killed"))).contains("Killed");
    assertThat(ErrorLines.lastError(List.of())).isEmpty();
  }
}
