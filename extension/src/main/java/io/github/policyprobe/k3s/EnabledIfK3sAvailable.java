package io.github.policyprobe.k3s;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only where k3s can boot: a Docker engine answers and the k3s image is
 * present or can be pulled. Elsewhere they are skipped with a reason such as
 * "k3s tests skipped: no Docker engine answered (...)". Tagged {@code k3s}, so a build can also
 * leave them out by tag.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("k3s")
@ExtendWith(K3sAvailableCondition.class)
public @interface EnabledIfK3sAvailable {

  /** The k3s image the tests boot; empty for the pinned one. */
  String image() default "";
}
