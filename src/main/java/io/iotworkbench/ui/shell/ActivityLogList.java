package io.iotworkbench.ui.shell;

import io.iotworkbench.event.Notification;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The main window's activity log: one line per notification ("12:03:04  text", warnings and errors styled, long
 * ones wrapped to the list's width), following the newest line until the user scrolls up; scrolling back to the end
 * follows again.
 *
 * <p>FX thread only; the entries arrive in batches through the {@link ActivityLogViewModel}'s pump.
 */
final class ActivityLogList {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private static final String EMPTY = "Activity of this session appears here.";

    private ActivityLogList() {
    }

    /**
     * What the empty list looks like, without its skin (a virtual flow with scroll bars and cells): the main window
     * shows it in the first frame and puts the list in its place just after.
     */
    static Node placeholder() {
        StackPane box = new StackPane(emptyText());
        box.setId("activity-log-placeholder");
        box.getStyleClass().add("list-view");
        return box;
    }

    private static Label emptyText() {
        return new Label(EMPTY);
    }

    static ListView<Notification> of(ActivityLogViewModel activity) {
        ListView<Notification> list = new ListView<>(activity.entries());
        list.setId("activity-log");
        list.setPlaceholder(emptyText());
        list.setCellFactory(v -> new ListCell<>() {
            {
                // long lines wrap within the list's width instead of asking for a horizontal scroll bar
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(Notification item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("log-warning", "log-error");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(TIME.format(item.time()) + "  " + item.text());
                if (item.level() != Notification.Level.INFO) {
                    getStyleClass().add("log-" + item.level().name().toLowerCase(Locale.ROOT));
                }
            }
        });
        boolean[] following = {true};
        Runnable check = () -> Platform.runLater(() ->
                following[0] = lastVisibleIndex(list) >= activity.entries().size() - 1);
        list.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> check.run());
        list.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> check.run());
        list.addEventFilter(javafx.scene.input.KeyEvent.KEY_RELEASED, e -> check.run());
        activity.entries().addListener((javafx.collections.ListChangeListener<Notification>) c -> {
            if (following[0]) {
                // after the list's skin has taken the change (its listener runs after this one): one per batch
                Platform.runLater(() -> list.scrollTo(Math.max(0, activity.entries().size() - 1)));
            }
        });
        return list;
    }

    /** The index of the last row shown whole or in part, or MAX_VALUE before the list has cells. */
    private static int lastVisibleIndex(ListView<?> list) {
        if (list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            var cell = flow.getLastVisibleCell();
            return cell == null ? Integer.MAX_VALUE : cell.getIndex();
        }
        return Integer.MAX_VALUE;
    }
}
