package io.iotworkbench.localcore;

import io.iotworkbench.localcore.policy.AccessDecision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the window says about the Local IoT Core's denials: at most one activity-log line per {@link #INTERVAL} (the
 * denials in between are counted and named in the next line, so a storm costs one line per interval), and, for the
 * session's own connection, why the core dropped it ("disconnected: policy P does not allow iot:Publish on
 * topic/…") from the newest denial of its client id.
 *
 * <p>Thread-safe: {@link #record} runs on the core's broker threads and returns at once; {@link #reasonFor} on the MQTT
 * connection's threads.
 */
public final class DenialNotices {

    /** At most one activity-log line per interval. */
    public static final Duration INTERVAL = Duration.ofSeconds(2);
    /** A denial older than this is not taken as the cause of a dropped connection. */
    public static final Duration DROP_WINDOW = Duration.ofSeconds(3);
    private static final int CLIENTS = 1_000;

    private final Clock clock;
    private final Duration dropWindow;
    private final Map<String, AccessDecision> lastByClient = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AccessDecision> eldest) {
            return size() > CLIENTS;
        }
    };
    private Instant lastLine = Instant.MIN;
    private long suppressed;

    public DenialNotices(Clock clock) {
        this(clock, DROP_WINDOW);
    }

    /** With another drop window (tests on a busy machine). */
    public DenialNotices(Clock clock, Duration dropWindow) {
        this.clock = Objects.requireNonNull(clock);
        this.dropWindow = Objects.requireNonNull(dropWindow);
    }

    /**
     * Notes a decision; for a denial, returns the activity-log line when one is due (empty otherwise, and for
     * decisions that allowed).
     */
    public Optional<String> record(AccessDecision d) {
        if (d.allowed()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (this) {
            if (d.clientId() != null) {
                lastByClient.put(d.clientId(), d);
            }
            if (now.isBefore(lastLine.plus(INTERVAL))) {
                suppressed++;
                return Optional.empty();
            }
            long before = suppressed;
            suppressed = 0;
            lastLine = now;
            return Optional.of(line(d) + (before == 0 ? "" : String.format(Locale.ROOT, " (and %,d more denial%s "
                    + "before it; see the Access tab)", before, before == 1 ? "" : "s")));
        }
    }

    /**
     * Why the core refused or dropped {@code clientId}'s connection, when its newest denial (iot:Connect, iot:Publish
     * or iot:RetainPublish, the ones AWS answers by closing the connection) is recent; empty otherwise.
     */
    public Optional<String> reasonFor(String clientId) {
        AccessDecision d;
        synchronized (this) {
            d = clientId == null ? null : lastByClient.get(clientId);
        }
        if (d == null || d.time().isBefore(clock.instant().minus(dropWindow))) {
            return Optional.empty();
        }
        return switch (d.action()) {
            case "iot:Connect" -> Optional.of("not authorized: " + why(d));
            case "iot:Publish", "iot:RetainPublish" -> Optional.of("disconnected: " + why(d));
            default -> Optional.empty();
        };
    }

    /** "Access denied: client t1 iot:Publish on topic/x — policy p does not allow it". */
    static String line(AccessDecision d) {
        return "Access denied: " + (d.clientId() == null ? "" : "client " + d.clientId() + " ")
                + d.action() + " on " + d.resource() + " — " + why(d);
    }

    /** "policy P does not allow iot:Publish on topic/x" or "no policy allows …". */
    static String why(AccessDecision d) {
        String what = d.action() + " on " + d.resource();
        if (d.verdict() == AccessDecision.Verdict.EXPLICIT_DENY && d.policyName() != null) {
            return "policy " + d.policyName() + " denies " + what + (d.statementIndex() < 0 ? ""
                    : " (statement " + (d.statementIndex() + 1) + ")");
        }
        if (d.policyName() != null) {
            return "policy " + d.policyName() + " does not allow " + what;
        }
        return "no policy attached to its certificate allows " + what;
    }
}
