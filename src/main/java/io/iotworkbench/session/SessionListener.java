package io.iotworkbench.session;

/**
 * Observer of a {@link Session}. Called on the thread that made the change, after the change is visible; an observer
 * that needs another thread (the FX thread) hands the call over itself. Default methods let an observer pick what it
 * cares about.
 */
public interface SessionListener {

    default void connectionChanged(ConnectionStatus previous, ConnectionStatus current) {
    }

    default void profileChanged(Profile profile) {
    }

    default void thingChanged(String thingName) {
    }

    default void shadowChanged(String shadowName) {
    }

    /** The Serial pane's open board changed; null when it has none open. */
    default void serialBoardChanged(SerialBoard board) {
    }
}
