package io.iotworkbench.registry;

import java.util.Map;

/** A thing as the Things list shows it: name, type (may be null), attributes and version. Immutable. */
public record ThingRow(String name, String typeName, Map<String, String> attributes, long version) {

    public ThingRow {
        attributes = Map.copyOf(attributes);
    }
}
