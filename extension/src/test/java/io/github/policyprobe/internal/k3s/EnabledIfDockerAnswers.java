package io.github.policyprobe.internal.k3s;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only where Testcontainers can run containers (a Docker engine answers;
 * Ryuk can run or is switched off); elsewhere they are skipped with the reason. Tagged
 * {@code docker}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("docker")
@ExtendWith(DockerAnswersCondition.class)
@interface EnabledIfDockerAnswers {}
