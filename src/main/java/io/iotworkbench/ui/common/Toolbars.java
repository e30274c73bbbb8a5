package io.iotworkbench.ui.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/**
 * Layouts that keep texts whole at large text sizes: toolbars that wrap onto a second row instead of cutting their
 * buttons to "…", and table columns never narrower than their header.
 *
 * <p>FX thread only.
 */
public final class Toolbars {

    private Toolbars() {
    }

    /**
     * A toolbar row that wraps: every control keeps at least its preferred width, and what does not fit goes to the
     * next row.
     */
    public static FlowPane wrapping(double gap, Node... nodes) {
        FlowPane pane = new FlowPane(gap, gap / 2, nodes);
        pane.setAlignment(Pos.CENTER_LEFT);
        pane.setRowValignment(javafx.geometry.VPos.CENTER);
        pane.setMinWidth(0);
        for (Node n : nodes) {
            if (n instanceof Control c && !c.minWidthProperty().isBound()) { // bound: promptsWhole's minimum
                c.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        return pane;
    }

    /**
     * Keeps each field at least as wide as its prompt text (at the current text size), so an empty field's hint is
     * never cut.
     */
    public static void promptsWhole(javafx.scene.control.TextField... fields) {
        for (javafx.scene.control.TextField tf : fields) {
            tf.minWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> {
                String prompt = tf.getPromptText();
                if (prompt == null || prompt.isEmpty()) {
                    return Region.USE_COMPUTED_SIZE;
                }
                javafx.scene.text.Text t = new javafx.scene.text.Text(prompt);
                t.setFont(tf.getFont());
                return Math.ceil(t.getLayoutBounds().getWidth()) + tf.snappedLeftInset() + tf.snappedRightInset() + 2;
            }, tf.fontProperty(), tf.promptTextProperty(), tf.paddingProperty(), tf.insetsProperty()));
        }
    }

    /**
     * {@code content} in a scroll pane that fills the space when there is enough and scrolls vertically when the
     * text is too large for it (a panel is never cut off at the bottom).
     */
    public static javafx.scene.control.ScrollPane scrolling(Region content) {
        content.setMinHeight(Region.USE_PREF_SIZE);
        return scrollingBelowMinimum(content);
    }

    /**
     * A pane's message line (at the bottom of the pane): wraps when long, and takes no room while {@code label} has
     * no text, so an idle pane has no empty band above the activity log.
     */
    public static void messageLine(Labeled label, Node line) {
        label.setWrapText(true);
        line.visibleProperty().bind(label.textProperty().isNotEmpty());
        line.managedProperty().bind(line.visibleProperty());
    }

    /**
     * {@code content} (a split pane, say) in a scroll pane that gives it the whole space when there is room for its
     * minimum size, and scrolls vertically when there is not, so its panels keep their minimum heights instead of
     * being cut off at the bottom.
     */
    public static javafx.scene.control.ScrollPane scrollingBelowMinimum(Region content) {
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setMinHeight(0);
        return scroll;
    }

    /** Labels and buttons that must never be cut: at least as wide as their text. */
    public static void whole(Labeled... labeled) {
        for (Labeled l : labeled) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
    }

    /** A status text that wraps onto more lines instead of being cut (in a box that gives it the width). */
    public static Label wrappingText(Label label) {
        label.setWrapText(true);
        label.setMinWidth(0);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    /**
     * Keeps every column of {@code table} at least as wide as its header text, at any text size (checked after each
     * layout pass of the table's scene; a change costs one more layout).
     */
    public static void headersWhole(TableView<?> table) {
        afterEachLayout(table, () -> fit(table));
    }

    private static void fit(TableView<?> table) {
        if (!table.isVisible() || table.getSkin() == null) {
            return;
        }
        for (Node n : table.lookupAll(".column-header")) {
            if (n instanceof TableColumnHeader header && header.getTableColumn() != null
                    && header.lookup(".label") instanceof Label label) {
                double need = Math.ceil(label.prefWidth(-1) + header.snappedLeftInset() + header.snappedRightInset())
                        + 2;
                var column = header.getTableColumn();
                if (column.getColumns().isEmpty() && Math.abs(column.getMinWidth() - need) > 0.5) {
                    column.setMinWidth(need);
                    if (column.getWidth() < need) {
                        column.setPrefWidth(Math.max(column.getPrefWidth(), need));
                    }
                }
            }
        }
    }

    /**
     * Widens each column of {@code table} to the widest text its shown cells hold (never narrower), so that a trace
     * of long topics and reasons scrolls sideways instead of cutting them; for tables with
     * {@link TableView#UNCONSTRAINED_RESIZE_POLICY}. Checked after each layout pass of the table's scene.
     */
    public static void cellsWhole(TableView<?> table) {
        afterEachLayout(table, () -> fitCells(table));
    }

    private static void fitCells(TableView<?> table) {
        if (!table.isVisible() || table.getSkin() == null) {
            return;
        }
        for (Node n : table.lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> cell && cell.isVisible() && cell.getText() != null
                    && !cell.getText().isEmpty() && cell.getTableColumn() != null) {
                javafx.scene.text.Text text = new javafx.scene.text.Text(cell.getText());
                text.setFont(cell.getFont());
                double need = Math.ceil(text.getLayoutBounds().getWidth() + cell.snappedLeftInset()
                        + cell.snappedRightInset()) + 4;
                var column = cell.getTableColumn();
                if (column.getWidth() < need) {
                    column.setPrefWidth(need);
                }
            }
        }
    }

    /** Runs {@code fit} after each layout pass of whatever scene {@code table} is in. */
    private static void afterEachLayout(TableView<?> table, Runnable fit) {
        table.sceneProperty().addListener((o, old, now) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(fit);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(fit);
            }
        });
        Scene scene = table.getScene();
        if (scene != null) {
            scene.addPostLayoutPulseListener(fit);
        }
    }
}
