package io.iotworkbench.session;

import java.util.concurrent.CompletableFuture;

/**
 * Opens and closes the session's connection for its active profile. An implementation drives the session's state
 * machine itself (CONNECTING, then CONNECTED or FAILED with a reason a newcomer understands; RECONNECTING while it
 * retries) and never blocks the caller: both methods return at once with a future of the outcome.
 */
public interface Connector extends AutoCloseable {

    CompletableFuture<Void> connect();

    CompletableFuture<Void> disconnect();

    @Override
    default void close() {
        disconnect().join();
    }
}
