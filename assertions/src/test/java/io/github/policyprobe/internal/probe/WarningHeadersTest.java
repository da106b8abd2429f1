package io.github.policyprobe.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.policyprobe.support.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningHeadersTest {

  @Test
  void readsTheTextOfACapturedHeaderWithEscapedQuotes() {
    assertThat(WarningHeaders.texts(Resources.warningHeaders("podsecurity-warn-capability")))
        .containsExactly("would violate PodSecurity \"restricted:latest\": unrestricted capabilities"
            + " (container \"probe\" must not include \"DAC_OVERRIDE\" in securityContext.capabilities.add)");
  }

  @Test
  void readsSeveralWarningsFoldedIntoOneValueAndADate() {
    assertThat(WarningHeaders.texts(List.of(
            "299 - \"first, with a comma\", 299 - \"second\" \"Sat, 01 Jan 2000 00:00:00 GMT\"",
            "299 kube-apiserver \"third\"")))
        .containsExactly("first, with a comma", "second", "third");
  }

  @Test
  void keepsAValueThatIsNotInWarningFormat() {
    assertThat(WarningHeaders.texts(List.of("just text"))).containsExactly("just text");
    assertThat(WarningHeaders.texts(List.of())).isEmpty();
  }
}
