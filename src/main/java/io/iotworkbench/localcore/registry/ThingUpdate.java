package io.iotworkbench.localcore.registry;

import java.util.Map;

/**
 * What UpdateThing changes. {@code thingTypeName} null keeps the type, {@code removeThingType} clears it;
 * {@code attributes} null keeps the attributes, otherwise they are merged ({@code merge}: an empty value removes that
 * attribute) or replace the old ones. {@code expectedVersion}, when not null, must equal the thing's version.
 * Immutable.
 */
public record ThingUpdate(String thingTypeName, boolean removeThingType, Map<String, String> attributes, boolean merge,
                          Long expectedVersion) {
}
