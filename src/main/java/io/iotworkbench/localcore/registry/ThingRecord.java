package io.iotworkbench.localcore.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A thing in the registry. {@code thingTypeName} is null when the thing has no type; {@code attributes} is an
 * unmodifiable map sorted by name; {@code version} starts at 1 and grows by one per UpdateThing. Immutable.
 */
public record ThingRecord(String name, String id, String arn, String thingTypeName, Map<String, String> attributes,
                          long version, Instant creationDate) {

    public ThingRecord {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
}
