package io.github.policyprobe.junit;

import io.github.policyprobe.cluster.Backend;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only where the backend can start a cluster, by the same check AUTO
 * makes before it picks one (for k3s: a Docker engine answers and the image is present or can be
 * pulled). Elsewhere they are skipped with the reason, such as "k3s tests skipped: k3s cannot
 * start here: no Docker engine answered (...)". Tag them ({@code @Tag("k3s")}) to leave them out
 * of a build by tag as well.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(BackendAvailableCondition.class)
public @interface EnabledIfBackendAvailable {

  /** The backend the tests need: K3S or LOCAL (AUTO always finds one; EXISTING needs a kubeconfig). */
  Backend value();

  /** For K3S, the image the tests boot; empty for the pinned one. */
  String k3sImage() default "";
}
