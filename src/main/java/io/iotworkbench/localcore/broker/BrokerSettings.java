package io.iotworkbench.localcore.broker;

import io.iotworkbench.mqtt.AwsMqttLimits;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Local IoT Core's broker sizes its sessions, queues and timers. The defaults follow AWS IoT Core's documented
 * limits where there are any (persistent-session expiry 1 hour, 100 unacknowledged QoS 1 messages in flight per
 * client, keep-alive at least 30 s) and our own bounds where AWS documents none (see
 * docs/decisions/0006-own-broker.md).
 *
 * @param sessionExpiry          how long a persistent session (cleanSession=0) outlives its connection
 * @param maxInFlight            QoS 1 messages sent to a client and not yet acknowledged (AWS: 100)
 * @param maxQueuedMessages      QoS 1 messages a session holds beyond those in flight (offline, or online while the
 *                               client is slow); more are dropped and counted
 * @param maxQueuedBytes         the same bound in payload bytes
 * @param maxRetainedMessages    retained topics kept; a retained publish beyond it is refused (not delivered)
 * @param minKeepAliveSeconds    the smallest keep-alive honoured (AWS: 30); tests lower it
 * @param dropReportInterval     how often drops for slow subscribers are logged and reported (one line per client)
 * @param eventLoops             network threads; 0 means one per core
 * @param writeLowWaterMark      a connection becomes writable again below this many queued outbound bytes
 * @param writeHighWaterMark     above this many queued outbound bytes a connection is "slow": QoS 0 deliveries to it
 *                               are dropped and QoS 1 deliveries wait in its session queue
 */
public record BrokerSettings(Duration sessionExpiry, int maxInFlight, int maxQueuedMessages, long maxQueuedBytes,
                             int maxRetainedMessages, int minKeepAliveSeconds, Duration dropReportInterval,
                             int eventLoops, int writeLowWaterMark, int writeHighWaterMark) {

    /** AWS IoT Core's default persistent-session expiry. */
    public static final Duration AWS_SESSION_EXPIRY = Duration.ofHours(1);
    /** AWS IoT Core's limit of unacknowledged outbound QoS 1 messages per client. */
    public static final int AWS_MAX_IN_FLIGHT = 100;

    public BrokerSettings {
        Objects.requireNonNull(sessionExpiry);
        Objects.requireNonNull(dropReportInterval);
        if (sessionExpiry.isNegative() || sessionExpiry.isZero()) {
            throw new IllegalArgumentException("The session expiry must be positive.");
        }
        if (maxInFlight < 1 || maxInFlight > 65_535 || maxQueuedMessages < 0 || maxQueuedBytes < 0
                || maxRetainedMessages < 0 || minKeepAliveSeconds < 1 || eventLoops < 0
                || writeLowWaterMark < 1 || writeHighWaterMark < writeLowWaterMark) {
            throw new IllegalArgumentException("Broker settings out of range: in flight 1-65535, queues and limits not "
                    + "negative, keep-alive at least 1 s, low water mark below the high one.");
        }
        if (dropReportInterval.isNegative() || dropReportInterval.isZero()) {
            throw new IllegalArgumentException("The drop report interval must be positive.");
        }
    }

    public static BrokerSettings defaults() {
        return new BrokerSettings(AWS_SESSION_EXPIRY, AWS_MAX_IN_FLIGHT, 100_000, 64L * 1024 * 1024, 100_000,
                AwsMqttLimits.MIN_KEEP_ALIVE, Duration.ofSeconds(10), 0, 256 * 1024, 1024 * 1024);
    }

    public BrokerSettings withSessionExpiry(Duration d) {
        return new BrokerSettings(d, maxInFlight, maxQueuedMessages, maxQueuedBytes, maxRetainedMessages,
                minKeepAliveSeconds, dropReportInterval, eventLoops, writeLowWaterMark, writeHighWaterMark);
    }

    public BrokerSettings withQueue(int messages, long bytes) {
        return new BrokerSettings(sessionExpiry, maxInFlight, messages, bytes, maxRetainedMessages,
                minKeepAliveSeconds, dropReportInterval, eventLoops, writeLowWaterMark, writeHighWaterMark);
    }

    public BrokerSettings withMaxInFlight(int n) {
        return new BrokerSettings(sessionExpiry, n, maxQueuedMessages, maxQueuedBytes, maxRetainedMessages,
                minKeepAliveSeconds, dropReportInterval, eventLoops, writeLowWaterMark, writeHighWaterMark);
    }

    public BrokerSettings withMaxRetainedMessages(int n) {
        return new BrokerSettings(sessionExpiry, maxInFlight, maxQueuedMessages, maxQueuedBytes, n,
                minKeepAliveSeconds, dropReportInterval, eventLoops, writeLowWaterMark, writeHighWaterMark);
    }

    /** For tests: honour keep-alives down to {@code seconds} instead of AWS's 30. */
    public BrokerSettings withMinKeepAlive(int seconds) {
        return new BrokerSettings(sessionExpiry, maxInFlight, maxQueuedMessages, maxQueuedBytes, maxRetainedMessages,
                seconds, dropReportInterval, eventLoops, writeLowWaterMark, writeHighWaterMark);
    }

    public BrokerSettings withDropReportInterval(Duration d) {
        return new BrokerSettings(sessionExpiry, maxInFlight, maxQueuedMessages, maxQueuedBytes, maxRetainedMessages,
                minKeepAliveSeconds, d, eventLoops, writeLowWaterMark, writeHighWaterMark);
    }

    public BrokerSettings withWriteWaterMarks(int low, int high) {
        return new BrokerSettings(sessionExpiry, maxInFlight, maxQueuedMessages, maxQueuedBytes, maxRetainedMessages,
                minKeepAliveSeconds, dropReportInterval, eventLoops, low, high);
    }

    /**
     * The keep-alive the broker applies to a CONNECT's value: AWS's rule (0 or more than 1200 s means 1200 s; less
     * than 30 s means 30 s), with {@link #minKeepAliveSeconds} as the floor.
     */
    int keepAliveSeconds(int requested) {
        if (requested <= 0 || requested > AwsMqttLimits.MAX_KEEP_ALIVE) {
            return AwsMqttLimits.MAX_KEEP_ALIVE;
        }
        return Math.max(minKeepAliveSeconds, requested);
    }

    int threads() {
        return eventLoops == 0 ? Runtime.getRuntime().availableProcessors() : eventLoops;
    }
}
