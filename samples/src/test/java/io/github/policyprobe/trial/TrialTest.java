package io.github.policyprobe.trial;

import static io.github.policyprobe.assertions.PolicyAssertions.assertThat;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.cluster.Cluster;
import io.github.policyprobe.junit.PolicyCluster;
import io.github.policyprobe.profile.K10Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@PolicyCluster(backend = Backend.LOCAL, manifests = "/tmp/trial/policies/")
class TrialTest {
  @Test
  void trial(Cluster cluster) throws Exception {
    StringBuilder out = new StringBuilder();
    try {
      assertThat(cluster).requiringPolicedNamespaces().permitsK10(K10Profile.installedIn("backup").protecting("payments"));
      out.append("PASSED\n");
    } catch (AssertionError e) {
      out.append(e.getMessage()).append("\n");
    }
    Files.writeString(Path.of("/tmp/trial/out.txt"), out.toString());
  }
}
