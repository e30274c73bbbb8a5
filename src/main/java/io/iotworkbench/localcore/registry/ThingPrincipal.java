package io.iotworkbench.localcore.registry;

/** One attachment of a principal (a certificate ARN) to a thing. Immutable. */
public record ThingPrincipal(String thingName, String principal, ThingPrincipalType type) {
}
