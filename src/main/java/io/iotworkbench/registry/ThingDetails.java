package io.iotworkbench.registry;

import java.util.List;

/**
 * What is attached to one thing: its thing groups, its certificates (principal ARNs with the certificate status)
 * and the policies attached to those certificates. Immutable.
 */
public record ThingDetails(String thingName, List<String> groups, List<Certificate> certificates) {

    /** One attached certificate and the policies attached to it. */
    public record Certificate(String arn, String id, String status, List<String> policies) {
        public Certificate {
            policies = List.copyOf(policies);
        }
    }

    public ThingDetails {
        groups = List.copyOf(groups);
        certificates = List.copyOf(certificates);
    }
}
