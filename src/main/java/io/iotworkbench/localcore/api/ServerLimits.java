package io.iotworkbench.localcore.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How much an {@link ApiServer} gives its clients, so that slow, idle or greedy ones cannot starve the others (see
 * docs/decisions/0008-rest-server.md):
 *
 * @param maxConnections open connections at most; more are closed as soon as they are accepted
 * @param requestTimeout a request must arrive whole (request line, headers, body; the TLS handshake too) within this
 *                       time from its first byte, or the connection is answered 408 and closed
 * @param idleTimeout    a kept-alive connection with no request for this long is closed
 * @param maxBodyBytes   larger bodies are refused with 400 before they are read
 * @param workers        threads that run request handlers (which may wait on the database); I/O never waits on them
 * @param queuedRequests complete requests waiting for a worker at most; more are answered 503 at once
 */
public record ServerLimits(int maxConnections, Duration requestTimeout, Duration idleTimeout, int maxBodyBytes,
                           int workers, int queuedRequests) {

    public ServerLimits {
        Objects.requireNonNull(requestTimeout);
        Objects.requireNonNull(idleTimeout);
        if (maxConnections < 1 || maxBodyBytes < 0 || workers < 1 || queuedRequests < 1) {
            throw new IllegalArgumentException("server limits must be positive");
        }
    }

    /** 1,000 connections, 30 s per request, 120 s idle, 1 MiB bodies, 16 workers, 1,000 queued requests. */
    public static ServerLimits defaults() {
        return new ServerLimits(1_000, Duration.ofSeconds(30), Duration.ofSeconds(120), ApiServer.MAX_BODY_BYTES, 16,
                1_000);
    }

    public ServerLimits withTimeouts(Duration request, Duration idle) {
        return new ServerLimits(maxConnections, request, idle, maxBodyBytes, workers, queuedRequests);
    }

    public ServerLimits withMaxConnections(int max) {
        return new ServerLimits(max, requestTimeout, idleTimeout, maxBodyBytes, workers, queuedRequests);
    }
}
