package io.github.policyprobe.internal.k3s;

import com.github.dockerjava.api.exception.NotFoundException;
import io.github.policyprobe.internal.local.KubeBinaries;
import io.github.policyprobe.internal.versions.Versions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A container image made here, since nothing can be pulled on our machines: {@code FROM scratch}
 * with the etcd binary the local backend already has (static) as {@code /bin/server}. K3sContainer's
 * command ({@code server --disable=traefik ...}) then runs it, and it exits at once on the unknown
 * flag; {@code /bin/server --data-dir=/tmp/etcd} keeps running, listening inside the container only.
 */
final class ScratchImage {
  static final String NAME = "policyprobe.test/k3s:" + Versions.KUBERNETES + "-k3s1";
  /** No executable at all: every Docker engine refuses to start it ("server": not found). */
  static final String NOT_K3S = "policyprobe.test/not-k3s:" + Versions.KUBERNETES + "-k3s1";

  private ScratchImage() {}

  /** Builds the image unless the engine has it already; returns its name. */
  static synchronized String built() {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(NAME).exec();
      return NAME;
    } catch (NotFoundException absent) {
      return new ImageFromDockerfile(NAME, false)
          .withFileFromPath("server", KubeBinaries.forVersion(Versions.KUBERNETES).etcd())
          .withDockerfileFromBuilder(dockerfile -> dockerfile.from("scratch").copy("server", "/bin/server").build())
          .get();
    }
  }

  /** An image Docker refuses to start k3s's command in, on any engine; returns its name. */
  static synchronized String notK3s() {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(NOT_K3S).exec();
      return NOT_K3S;
    } catch (NotFoundException absent) {
      return new ImageFromDockerfile(NOT_K3S, false)
          .withFileFromString("hint", "not a k3s\n")
          .withDockerfileFromBuilder(dockerfile -> dockerfile.from("scratch").copy("hint", "/hint").build())
          .get();
    }
  }
}
