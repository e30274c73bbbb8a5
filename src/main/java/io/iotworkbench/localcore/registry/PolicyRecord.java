package io.iotworkbench.localcore.registry;

import java.time.Instant;

/**
 * An IoT policy: its name, ARN, the JSON document of its default version (as the caller sent it) and that version's
 * id; all its versions are in {@link PolicyVersions}. Immutable.
 */
public record PolicyRecord(String name, String arn, String document, String defaultVersionId, Instant creationDate,
                           Instant lastModifiedDate, String generationId) {
}
