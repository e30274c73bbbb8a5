package io.iotworkbench.ui.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.function.Function;

/**
 * What the panes' tables share: a text column read from the row, and the selected row handed to the view model.
 *
 * <p>FX thread only.
 */
public final class Tables {

    private Tables() {
    }

    /** A column showing {@code text} of each row, about {@code em} characters wide. */
    public static <T> TableColumn<T, String> textColumn(String title, double em, Function<T, String> text) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(text.apply(d.getValue())));
        c.setPrefWidth(em * 12);
        return c;
    }

    /** Sets {@code selected} to the row the user selects (a cleared selection leaves it as it is). */
    public static <T> void selectInto(TableView<T> table, ObjectProperty<T> selected) {
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                selected.set(b);
            }
        });
    }
}
