package io.iotworkbench.localcore.registry;

import java.time.Instant;

/**
 * A thing type: name, id, ARN ({@code …:thingtype/<name>}), its {@code thingTypeProperties} as the JSON object the
 * caller sent (description, searchable attributes, …), whether it is deprecated and since when. Immutable.
 */
public record ThingTypeRecord(String name, String id, String arn, String propertiesJson, boolean deprecated,
                              Instant deprecationDate, Instant creationDate) {
}
