package io.iotworkbench.localcore.registry;

import java.util.List;

/**
 * One page of a listing: the items, and the opaque token that asks for the next page ({@code null} on the last page).
 * Immutable.
 */
public record Page<T>(List<T> items, String nextToken) {

    public Page {
        items = List.copyOf(items);
    }
}
