package io.iotworkbench.localcore.registry;

import java.time.Instant;

/** One kept version of an IoT policy: its id (1, 2, …; never reused), document and whether it is the default. */
public record PolicyVersionRecord(String policyName, String policyArn, String versionId, String document,
                                  boolean isDefaultVersion, Instant creationDate) {
}
