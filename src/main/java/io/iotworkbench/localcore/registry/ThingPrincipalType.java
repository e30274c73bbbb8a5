package io.iotworkbench.localcore.registry;

/**
 * How a principal is attached to a thing: {@link #EXCLUSIVE_THING} principals belong to that one thing only,
 * {@link #NON_EXCLUSIVE_THING} ones (AWS's default) may be attached to several things.
 */
public enum ThingPrincipalType {
    EXCLUSIVE_THING, NON_EXCLUSIVE_THING
}
