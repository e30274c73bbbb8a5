package io.iotworkbench.localcore.policy;

/**
 * Answers "would this be allowed?" without a connection: the Local IoT Core's side of the policy simulator and of
 * TestAuthorization. Thread-safe; never records into the {@link DecisionLog}.
 */
public interface PolicySimulator {

    /**
     * One question. {@code certificateId} or {@code thingName} names the principal (with only a thing, the thing's
     * first attached certificate is used; with neither, no policy applies); {@code resource} is without the ARN
     * prefix, for example {@code topic/a/b}.
     */
    record Question(String certificateId, String thingName, String clientId, String action, String resource) {
    }

    AccessDecision simulate(Question question);
}
