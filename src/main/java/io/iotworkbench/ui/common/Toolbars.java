package io.iotworkbench.ui.common;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;

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
        pane.setRowValignment(VPos.CENTER);
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
    public static void promptsWhole(TextField... fields) {
        for (TextField tf : fields) {
            tf.minWidthProperty().bind(Bindings.createDoubleBinding(() -> {
                String prompt = tf.getPromptText();
                if (prompt == null || prompt.isEmpty()) {
                    return Region.USE_COMPUTED_SIZE;
                }
                Text t = new Text(prompt);
                t.setFont(tf.getFont());
                return Math.ceil(t.getLayoutBounds().getWidth()) + tf.snappedLeftInset() + tf.snappedRightInset() + 2;
            }, tf.fontProperty(), tf.promptTextProperty(), tf.paddingProperty(), tf.insetsProperty()));
        }
    }

    /**
     * {@code content} in a scroll pane that fills the space when there is enough and scrolls vertically when the
     * text is too large for it (a panel is never cut off at the bottom).
     */
    public static ScrollPane scrolling(Region content) {
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
    public static ScrollPane scrollingBelowMinimum(Region content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
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
     * Keeps every column of {@code table} at least as wide as its header text, at any text size. Checked after a
     * layout pass of the table's scene, and only when the table shows and something it depends on changed since the
     * last check (columns, a header's text, font or insets, the skin or the size); a change costs one more layout.
     */
    public static void headersWhole(TableView<?> table) {
        new Fitting(table, Toolbars::fit, false);
    }

    private static void fit(TableView<?> table, Fitting fitting) {
        for (Node n : table.lookupAll(".column-header")) {
            if (n instanceof TableColumnHeader header && header.getTableColumn() != null
                    && header.lookup(".label") instanceof Label label) {
                fitting.watch(label, label.fontProperty(), label.textProperty(), header.insetsProperty());
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
     * {@link TableView#UNCONSTRAINED_RESIZE_POLICY}. Checked like {@link #headersWhole}: after a layout pass, when
     * the table shows and its items, columns, size, skin or a shown cell's text or font changed.
     */
    public static void cellsWhole(TableView<?> table) {
        new Fitting(table, Toolbars::fitCells, true);
    }

    private static void fitCells(TableView<?> table, Fitting fitting) {
        for (Node n : table.lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> cell) {
                fitting.watch(cell, cell.textProperty(), cell.fontProperty(), cell.visibleProperty());
                if (cell.isVisible() && cell.getText() != null && !cell.getText().isEmpty()
                        && cell.getTableColumn() != null) {
                    Text text = new Text(cell.getText());
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
    }

    /**
     * One table's fitting: a post-layout pulse listener on the table's scene that runs {@code fit} only while the
     * table shows and after something it watches changed (decision 0030: looking up every header and cell after each
     * layout pass of every table cost the MQTT pane's pulses under load). The table's columns, size, skin and
     * visibility (and for cells its items) are watched from the start; {@code fit} adds the nodes it reads (header
     * labels, cells) with {@link #watch}. FX thread only.
     */
    static final class Fitting {

        private static final String HEADERS = "toolbars.fitting.headers";
        private static final String CELLS = "toolbars.fitting.cells";

        private final TableView<?> table;
        private final BiConsumer<TableView<?>, Fitting> fit;
        private final Set<Node> watched = Collections.newSetFromMap(new WeakHashMap<>());
        private final InvalidationListener change = o -> markChanged();
        private final Runnable check = this::check;
        private boolean changed = true;
        private int fits;

        /** {@code items}: whether a change of the table's items calls for a fit (cells: yes; headers: no). */
        Fitting(TableView<?> table, BiConsumer<TableView<?>, Fitting> fit, boolean items) {
            this.table = table;
            this.fit = fit;
            table.getProperties().put(items ? CELLS : HEADERS, this);
            table.getVisibleLeafColumns().addListener(change);
            if (items) {
                table.itemsProperty().addListener((o, old, now) -> {
                    if (old != null) {
                        old.removeListener(change);
                    }
                    if (now != null) {
                        now.addListener(change);
                    }
                    markChanged();
                });
                if (table.getItems() != null) {
                    table.getItems().addListener(change);
                }
            }
            table.skinProperty().addListener(change);
            table.widthProperty().addListener(change);
            table.heightProperty().addListener(change);
            table.visibleProperty().addListener(change);
            table.sceneProperty().addListener((o, old, now) -> {
                if (old != null) {
                    old.removePostLayoutPulseListener(check);
                }
                if (now != null) {
                    now.addPostLayoutPulseListener(check);
                }
                markChanged();
            });
            if (table.getScene() != null) {
                table.getScene().addPostLayoutPulseListener(check);
            }
        }

        /** The fitting {@link #headersWhole} set up for {@code table}, if it did (for tests). */
        static Optional<Fitting> headers(TableView<?> table) {
            return Optional.ofNullable((Fitting) table.getProperties().get(HEADERS));
        }

        /** The fitting {@link #cellsWhole} set up for {@code table}, if it did (for tests). */
        static Optional<Fitting> cells(TableView<?> table) {
            return Optional.ofNullable((Fitting) table.getProperties().get(CELLS));
        }

        /** How many times the fit ran. */
        int fits() {
            return fits;
        }

        /** Refits after the next layout pass when any of {@code node}'s {@code properties} changes (once a node). */
        void watch(Node node, Observable... properties) {
            if (watched.add(node)) {
                for (Observable p : properties) {
                    p.addListener(change);
                }
            }
        }

        private void markChanged() {
            changed = true;
        }

        private void check() {
            if (!changed || table.getSkin() == null || !showing(table)) {
                return;
            }
            changed = false;
            fits++;
            fit.accept(table, this);
        }

        /** Whether {@code node} is in a showing window with itself and all its parents visible. */
        private static boolean showing(Node node) {
            Scene scene = node.getScene();
            if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing()) {
                return false;
            }
            for (Node n = node; n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return true;
        }
    }
}
