package io.iotworkbench.localcore.registry;

import java.time.Instant;

/**
 * An IoT policy: its name, ARN, JSON document (as the caller sent it) and default version id, which is always "1"
 * because the Local IoT Core keeps one version per policy. Immutable.
 */
public record PolicyRecord(String name, String arn, String document, String defaultVersionId, Instant creationDate,
                           Instant lastModifiedDate, String generationId) {
}
