package io.github.policyprobe.internal.k3s;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/** The condition behind {@link EnabledIfDockerAnswers}: the preflight the K3S backend runs. */
final class DockerAnswersCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    K3sPreflight.Outcome containers = K3sPreflight.containersCanRun();
    if (containers.ready()) {
      return ConditionEvaluationResult.enabled("Testcontainers can run containers here");
    }
    String reason = "Docker tests skipped: " + containers.cause().orElseThrow();
    LoggerFactory.getLogger(DockerAnswersCondition.class).warn(reason);
    return ConditionEvaluationResult.disabled(reason);
  }
}
