package io.iotworkbench.session;

import io.iotworkbench.diagnostics.Redactor;
import io.iotworkbench.event.EventBus;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one session every pane shares: the active profile, the connection state machine, the thing and shadow the
 * panes follow, the session's traffic metrics and its event bus. Handed to each pane by constructor.
 *
 * <p>Thread-safe. Every change is atomic (compare-and-set) and observable from any thread: listeners are called on
 * the thread that made the change. Connection transitions follow {@link ConnectionState#successors()}; each carries a
 * growing sequence number so a listener on another thread can drop a notification that arrives late.
 */
public final class Session {

    private final Clock clock;
    private final EventBus events;
    private final SessionMetrics metrics;
    private final AtomicReference<Profile> profile;
    private final AtomicReference<ConnectionStatus> status;
    private final AtomicReference<String> thingName;
    private final AtomicReference<String> shadowName = new AtomicReference<>("");
    private final AtomicReference<SerialBoard> serialBoard = new AtomicReference<>();
    private final CopyOnWriteArrayList<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Redactor redactor = new Redactor();
    private final SessionBoard board = new SessionBoard();

    /** The session's clock (scheduled refreshes align to it). */
    public Clock clock() {
        return clock;
    }

    public Session(Profile initialProfile, EventBus events, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.metrics = new SessionMetrics(clock);
        this.profile = new AtomicReference<>(Objects.requireNonNull(initialProfile, "initialProfile"));
        this.status = new AtomicReference<>(ConnectionStatus.initial(clock.instant()));
        this.thingName = new AtomicReference<>(nullToEmpty(initialProfile.thingName()));
    }

    public Session(Profile initialProfile) {
        this(initialProfile, new EventBus(), Clock.systemUTC());
    }

    public void addListener(SessionListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    public Profile profile() {
        return profile.get();
    }

    public ConnectionStatus status() {
        return status.get();
    }

    public ConnectionState state() {
        return status.get().state();
    }

    public String thingName() {
        return thingName.get();
    }

    /** The shadow the panes follow: empty for the classic shadow, else a named shadow. */
    public String shadowName() {
        return shadowName.get();
    }

    public EventBus events() {
        return events;
    }

    /** What this session's panes hide (presenter mode, Wi-Fi passwords); one per session. */
    /** The virtual board open in the Serial pane (demo scripts type into it). */
    public SessionBoard board() {
        return board;
    }

    public Redactor redactor() {
        return redactor;
    }

    public SessionMetrics metrics() {
        return metrics;
    }

    /**
     * Switches to another profile. Only allowed while no connection exists or is being made; the current thing
     * follows the new profile's thing name and the shadow goes back to classic.
     *
     * @throws IllegalStateException while CONNECTING, CONNECTED or RECONNECTING
     */
    public void selectProfile(Profile next) {
        Objects.requireNonNull(next, "profile");
        synchronized (profile) {
            if (state().isActive()) {
                throw new IllegalStateException("Disconnect before switching to profile '" + next.name() + "'.");
            }
            profile.set(next);
        }
        listeners.forEach(l -> l.profileChanged(next));
        setThingName(next.thingName());
        setShadowName("");
    }

    /** Replaces the active profile by an edited version of itself (same name) without changing the connection. */
    public void updateProfile(Profile edited) {
        Objects.requireNonNull(edited, "profile");
        profile.set(edited);
        listeners.forEach(l -> l.profileChanged(edited));
    }

    public void setThingName(String name) {
        String value = nullToEmpty(name).strip();
        String old = thingName.getAndSet(value);
        if (!old.equals(value)) {
            listeners.forEach(l -> l.thingChanged(value));
        }
    }

    /** The board the Serial pane has open (selected), if any. */
    public java.util.Optional<SerialBoard> serialBoard() {
        return java.util.Optional.ofNullable(serialBoard.get());
    }

    /** The Serial pane selected {@code board} (null: none open now). */
    public void setSerialBoard(SerialBoard board) {
        SerialBoard old = serialBoard.getAndSet(board);
        if (old != board) {
            listeners.forEach(l -> l.serialBoardChanged(board));
        }
    }

    public void setShadowName(String name) {
        String value = nullToEmpty(name).strip();
        String old = shadowName.getAndSet(value);
        if (!old.equals(value)) {
            listeners.forEach(l -> l.shadowChanged(value));
        }
    }

    /**
     * Moves the connection to {@code next} if the current state is {@code expected} and the table allows it.
     *
     * @return the new status, or empty when the current state was not {@code expected} (another thread moved first)
     * @throws IllegalArgumentException when {@code expected → next} is not an allowed transition
     */
    public Optional<ConnectionStatus> transition(ConnectionState expected, ConnectionState next, String reason) {
        if (!expected.canMoveTo(next)) {
            throw new IllegalArgumentException("Transition " + expected + " → " + next + " is not allowed");
        }
        while (true) {
            ConnectionStatus current = status.get();
            if (current.state() != expected) {
                return Optional.empty();
            }
            ConnectionStatus updated = current.next(next, reason, clock.instant());
            if (status.compareAndSet(current, updated)) {
                listeners.forEach(l -> l.connectionChanged(current, updated));
                return Optional.of(updated);
            }
        }
    }

    /**
     * Moves the connection to {@code next} from whatever state it is in, if the table allows it from there.
     *
     * @return the new status, or empty when the current state may not move to {@code next}
     */
    public Optional<ConnectionStatus> moveTo(ConnectionState next, String reason) {
        while (true) {
            ConnectionStatus current = status.get();
            if (!current.state().canMoveTo(next)) {
                return Optional.empty();
            }
            ConnectionStatus updated = current.next(next, reason, clock.instant());
            if (status.compareAndSet(current, updated)) {
                listeners.forEach(l -> l.connectionChanged(current, updated));
                return Optional.of(updated);
            }
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
