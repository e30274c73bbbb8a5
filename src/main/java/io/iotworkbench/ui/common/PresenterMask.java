package io.iotworkbench.ui.common;

import io.iotworkbench.diagnostics.Redactor;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;
import javafx.stage.Window;
import org.fxmisc.richtext.GenericStyledArea;

import java.util.ArrayList;
import java.util.List;

/**
 * Presenter mode's screen side: while it is on, every text drawn in every window of the workbench (labels, buttons,
 * table, list and tree cells, status texts, dialogs, pop-ups, read-only JSON views) shows what the session's
 * {@link Redactor} hides as {@value Redactor#MASK}. It works on the drawn {@link Text} nodes after each layout pass,
 * so no pane has to know about it and a value that arrives later is masked before it reaches the screen. Editable
 * fields keep what the user types.
 *
 * <p>FX thread only. Costs nothing while presenter mode is off.
 */
public final class PresenterMask {

    private final Redactor redactor;
    private final List<Scene> scenes = new ArrayList<>();
    private final Runnable sweep = this::sweepAll;
    private boolean on;

    public PresenterMask(Redactor redactor) {
        this.redactor = redactor;
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::watch);
            }
        });
        Window.getWindows().forEach(this::watch);
    }

    private void watch(Window window) {
        if (window.getScene() != null) {
            attach(window.getScene());
        }
        window.sceneProperty().addListener((o, old, now) -> {
            if (now != null) {
                attach(now);
            }
        });
    }

    private void attach(Scene scene) {
        if (scenes.contains(scene)) {
            return;
        }
        scenes.add(scene);
        if (on) {
            scene.addPostLayoutPulseListener(sweep);
            scene.getRoot().requestLayout();
        }
    }

    /** Turns the masking on or off; off has every view draw its own texts again. */
    public void setOn(boolean value) {
        if (value == on) {
            return;
        }
        on = value;
        scenes.removeIf(s -> s.getWindow() == null && s.getRoot() == null);
        for (Scene scene : scenes) {
            if (on) {
                scene.addPostLayoutPulseListener(sweep);
                scene.getRoot().requestLayout();
            } else {
                scene.removePostLayoutPulseListener(sweep);
                if (scene.getRoot() != null) {
                    redraw(scene.getRoot());
                }
            }
        }
    }

    /** Has the texts under {@code node} drawn again from their sources (cells, labels, read-only areas). */
    private static void redraw(Node node) {
        if (node instanceof javafx.scene.control.ListView<?> list) {
            list.refresh();
        } else if (node instanceof javafx.scene.control.TableView<?> table) {
            table.refresh();
        } else if (node instanceof javafx.scene.control.TreeView<?> tree) {
            tree.refresh();
        } else if (node instanceof javafx.scene.control.TreeTableView<?> tree) {
            tree.refresh();
        }
        if (node instanceof GenericStyledArea<?, ?, ?> area) {
            if (!area.isEditable() && area.getLength() > 0) {
                redrawArea(area);
            }
            return;
        }
        if (node instanceof javafx.scene.control.Labeled labeled && !labeled.textProperty().isBound()) {
            String text = labeled.getText();
            labeled.setText("");
            labeled.setText(text);
        }
        if (node instanceof Parent parent) {
            for (Node child : List.copyOf(parent.getChildrenUnmodifiable())) {
                redraw(child);
            }
        }
    }

    private static <P, S, T> void redrawArea(GenericStyledArea<P, S, T> area) {
        area.replace(0, area.getLength(), area.subDocument(0, area.getLength()));
    }

    private void sweepAll() {
        if (!on) {
            return;
        }
        for (Scene scene : scenes) {
            if (scene.getRoot() != null) {
                sweep(scene.getRoot());
            }
        }
    }

    private void sweep(Node node) {
        if (node instanceof TextInputControl input && input.isEditable()) {
            return;
        }
        if (node instanceof GenericStyledArea<?, ?, ?> area && area.isEditable()) {
            return;
        }
        Node drawnText = null;
        if (node instanceof javafx.scene.control.Labeled labeled && labeled.getText() != null) {
            drawnText = maskLabeled(labeled);
        }
        if (node instanceof Text text) {
            String shown = text.getText();
            if (shown != null && !shown.isEmpty() && !text.textProperty().isBound()) {
                String masked = redactor.shown(shown);
                if (!masked.equals(shown)) {
                    text.setText(masked);
                }
            }
            return;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                if (child != drawnText) {
                    sweep(child);
                }
            }
        }
    }

    /**
     * Masks a label's drawn text from its whole text (a value may be cut by the label's ellipsis, which would hide it
     * from the rules). Returns the drawn text node, or null when the label has none.
     */
    private Text maskLabeled(javafx.scene.control.Labeled labeled) {
        Text drawn = null;
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text t && !(child.getStyleClass().contains("graphic"))
                    && child != labeled.getGraphic()) {
                drawn = t;
                break;
            }
        }
        if (drawn == null || drawn.getText() == null) {
            return drawn;
        }
        String whole = labeled.getText();
        String masked = redactor.shown(whole);
        if (masked.equals(whole)) {
            return drawn;
        }
        String shown = drawn.getText();
        String ellipsis = labeled.getEllipsisString() == null ? "" : labeled.getEllipsisString();
        String want;
        if (shown.equals(whole) || shown.equals(masked)) {
            want = masked;
        } else if (!ellipsis.isEmpty() && shown.endsWith(ellipsis)) {
            int keep = shown.length() - ellipsis.length();
            want = masked.length() <= keep ? masked : masked.substring(0, keep) + ellipsis;
        } else {
            want = redactor.shown(shown);
        }
        if (!want.equals(shown)) {
            drawn.setText(want);
        }
        return drawn;
    }
}
