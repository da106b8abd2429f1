package io.github.policyprobe.support;

import io.github.policyprobe.cluster.Backend;
import io.github.policyprobe.junit.PolicyCluster;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The local control plane every real-cluster test of this module shares: one namespace per
 * verdict, each decided by a real policy (PodSecurity enforce and warn labels, a
 * ValidatingAdmissionPolicy with Deny and with Warn, a MutatingAdmissionPolicy that rewrites
 * runAsUser, a webhook that is down). See src/test/resources/policies/verdicts/.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@PolicyCluster(
    backend = Backend.LOCAL,
    manifests = "policies/verdicts/",
    apiServerArgs = {
        "--feature-gates=MutatingAdmissionPolicy=true",
        "--runtime-config=admissionregistration.k8s.io/v1beta1=true"})
public @interface VerdictCluster {}
