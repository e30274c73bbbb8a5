package io.iotworkbench.stream;

import java.util.Collection;

/**
 * Something a consumer drains in batches: a {@link BoundedBuffer} of items, or a coalescing set of changed keys.
 * Implementations are thread-safe.
 */
public interface BatchSource<T> {

    /** Moves up to {@code max} items, oldest first, into {@code target}; returns how many. */
    int drainTo(Collection<? super T> target, int max);

    boolean isEmpty();
}
