package io.iotworkbench.cert.aws;

import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates or updates an AWS IoT policy after {@link PolicyDocuments#problems validating} it: CreatePolicy, and when the
 * policy exists a new default version (CreatePolicyVersion, setAsDefault). Reads a policy's current document.
 *
 * <p>Blocks on the network: call it off the FX thread. Thread-safe (stateless over the client).
 */
public final class PolicyActions {

    /** What {@link #createOrUpdate} did. */
    public enum Outcome { CREATED, UPDATED }

    private final IotClient iot;

    public PolicyActions(IotClient iot) {
        this.iot = Objects.requireNonNull(iot);
    }

    /**
     * @throws IllegalArgumentException when the name or document is not acceptable; the message lists the problems
     */
    public Outcome createOrUpdate(String policyName, String document) {
        if (policyName == null || !policyName.matches("[\\w+=,.@-]{1,128}")) {
            throw new IllegalArgumentException("A policy name has 1 to 128 letters, digits or + = , . @ - _.");
        }
        List<String> problems = PolicyDocuments.problems(document);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", problems));
        }
        try {
            iot.createPolicy(b -> b.policyName(policyName).policyDocument(document));
            return Outcome.CREATED;
        } catch (ResourceAlreadyExistsException e) {
            iot.createPolicyVersion(b -> b.policyName(policyName).policyDocument(document).setAsDefault(true));
            return Outcome.UPDATED;
        }
    }

    /** The policy's default document, or empty when there is no such policy. */
    public Optional<String> document(String policyName) {
        try {
            return Optional.ofNullable(iot.getPolicy(b -> b.policyName(policyName)).policyDocument());
        } catch (software.amazon.awssdk.services.iot.model.ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The account's policy names. */
    public List<String> names() {
        return iot.listPolicies(b -> b.pageSize(250)).policies().stream()
                .map(software.amazon.awssdk.services.iot.model.Policy::policyName).toList();
    }
}
