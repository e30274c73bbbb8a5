package io.iotworkbench.ui.shell;

import io.iotworkbench.event.Notification;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The activity log under the tabs: the session's notifications, newest last, bounded to {@value #CAPACITY} entries.
 * Batches arrive from an {@link io.iotworkbench.ui.common.FxPump}.
 *
 * <p>FX thread.
 */
public final class ActivityLogViewModel {

    public static final int CAPACITY = 1000;

    private final ObservableList<Notification> entries = FXCollections.observableArrayList();

    public ObservableList<Notification> entries() {
        return entries;
    }

    /** Appends a batch in one list change and trims the oldest beyond the capacity. */
    public void append(List<Notification> batch) {
        List<Notification> add = batch.size() > CAPACITY ? batch.subList(batch.size() - CAPACITY, batch.size())
                : batch;
        int overflow = entries.size() + add.size() - CAPACITY;
        if (overflow > 0) {
            entries.remove(0, overflow);
        }
        entries.addAll(add);
    }
}
