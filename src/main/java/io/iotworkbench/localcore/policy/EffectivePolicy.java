package io.iotworkbench.localcore.policy;

import java.util.Objects;

/**
 * A policy that applies to a principal: its name, ARN, default version and document (parsed), and what it is
 * attached to (the certificate's ARN or a thing group's ARN). Immutable.
 */
public record EffectivePolicy(String name, String arn, String versionId, String document, IotPolicy policy,
                              String attachedTo) {

    public EffectivePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
    }
}
