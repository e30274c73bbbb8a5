package io.iotworkbench.localcore.registry;

/**
 * ListThings' filters; every field may be null (no filter). With {@code attributeName} alone, things that have the
 * attribute match; with a value too, things whose attribute equals it (or starts with it when
 * {@code usePrefixAttributeValue}). Immutable.
 */
public record ThingFilter(String attributeName, String attributeValue, boolean usePrefixAttributeValue,
                          String thingTypeName) {

    public static final ThingFilter NONE = new ThingFilter(null, null, false, null);
}
