package io.github.policyprobe.internal.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentProxyTest {

  @Test
  void httpsUrlsGoThroughHttpsProxyExceptWhatNoProxyNames() {
    ProxySelector selector = EnvironmentProxy.from(Map.of(
        "HTTPS_PROXY", "http://proxy.corp.example:3128",
        "NO_PROXY", "localhost, 127.0.0.1,.internal.example"));

    assertThat(selector.select(URI.create("https://releases.example/install.yaml")))
        .containsExactly(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.corp.example", 3128)));
    assertThat(selector.select(URI.create("https://127.0.0.1:8443/x"))).containsExactly(Proxy.NO_PROXY);
    assertThat(selector.select(URI.create("https://mirror.internal.example/x"))).containsExactly(Proxy.NO_PROXY);
    assertThat(selector.select(URI.create("https://internal.example/x"))).containsExactly(Proxy.NO_PROXY);
    // HTTPS_PROXY is for https only.
    assertThat(selector.select(URI.create("http://releases.example/x"))).containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void lowerCaseVariablesAndBareHostPortAreReadToo() {
    ProxySelector selector = EnvironmentProxy.from(Map.of("http_proxy", "proxy.corp.example:8080"));

    assertThat(selector.select(URI.create("http://releases.example/x")))
        .containsExactly(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.corp.example", 8080)));
  }

  @Test
  void noProxyStarBypassesEverything() {
    ProxySelector selector = EnvironmentProxy.from(Map.of("HTTPS_PROXY", "http://p:1", "no_proxy", "*"));

    assertThat(selector.select(URI.create("https://anywhere.example/"))).containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void withoutVariablesNothingIsProxied() {
    assertThat(EnvironmentProxy.from(Map.of()).select(URI.create("https://releases.example/")))
        .containsExactly(Proxy.NO_PROXY);
  }
}
