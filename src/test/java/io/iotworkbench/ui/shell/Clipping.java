package io.iotworkbench.ui.shell;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeView;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The presentation tests' checks for text that is not shown whole, each returning one line per fault, saying where:
 * ellipsized labels, cut prompts, controls reaching outside what can be seen, and horizontal scroll bars. FX thread.
 */
final class Clipping {

    private static final double SLACK = 1;

    private Clipping() {
    }

    /**
     * Every kind of cut in the whole scene (menu bar, session bar, tabs, pane, activity log and status bar) at the
     * text size {@code fontSize} (px).
     */
    static List<String> all(Scene scene, double fontSize, String where) {
        // as the next pulse draws it: a label whose text just changed is laid out first
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        List<String> out = new ArrayList<>(ellipsized(scene.getRoot(), where));
        out.addAll(cutPrompts(scene.getRoot(), where));
        out.addAll(outsideView(scene, where));
        out.addAll(slivers(scene.getRoot(), fontSize, where));
        return out;
    }

    /**
     * Visible text areas, lists, trees, code areas and tables squeezed below two lines of text at {@code fontSize}
     * (a table: its header and two rows): a panel crammed to a sliver shows nothing useful.
     */
    static List<String> slivers(Node node, double fontSize, String where) {
        List<String> out = new ArrayList<>();
        sliver(node, fontSize * 1.2, where, out);
        return out;
    }

    private static void sliver(Node node, double line, String where, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        boolean table = node instanceof TableView || node instanceof TreeTableView;
        boolean area = node instanceof javafx.scene.control.TextArea || node instanceof ListView
                || node instanceof TreeView || node instanceof org.fxmisc.richtext.GenericStyledArea;
        if (table || area) {
            double needed = (table ? 3 : 2) * line;
            double height = node.getLayoutBounds().getHeight();
            if (height < needed && inWindow(node)) {
                out.add(String.format(Locale.ROOT, "%s: %s%s is %.0f px high, less than %s (%.0f px)", where,
                        name(node), text(node), height, table ? "a header and two rows" : "two lines", needed));
            }
            return;
        }
        if (node instanceof Parent p && !(node instanceof javafx.scene.control.ComboBoxBase)) { // its popup's list
            for (Node child : p.getChildrenUnmodifiable()) {
                sliver(child, line, where, out);
            }
        }
    }

    /** Visible labelled controls whose drawn text is not their whole text (ellipsized, or no room at all). */
    static List<String> ellipsized(Node node, String where) {
        List<String> out = new ArrayList<>();
        collect(node, where, out);
        return out;
    }

    private static void collect(Node node, String where, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            String drawn = drawn(l);
            String ellipsis = l.getEllipsisString() == null || l.getEllipsisString().isEmpty() ? "..."
                    : l.getEllipsisString();
            boolean cut = drawn != null && !drawn.equals(l.getText())
                    && (drawn.endsWith(ellipsis) || drawn.isBlank());
            if (cut && inWindow(l)) {
                out.add(where + ": " + name(l) + " '" + l.getText() + "' drawn as '" + drawn + "'");
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, where, out);
            }
        }
    }

    private static boolean inWindow(Node node) {
        var b = node.localToScene(node.getBoundsInLocal());
        return b.getMaxX() > 0 && b.getMaxY() > 0
                && b.getMinX() < node.getScene().getWidth() && b.getMinY() < node.getScene().getHeight();
    }

    private static String drawn(Labeled l) {
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getClass().getSimpleName().equals("LabeledText")) {
                return t.getText();
            }
        }
        return null;
    }

    /** Visible empty text fields whose prompt is wider than the room for text. */
    static List<String> cutPrompts(Node node, String where) {
        List<String> out = new ArrayList<>();
        prompts(node, where, out);
        return out;
    }

    private static void prompts(Node node, String where, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof TextField tf && tf.getPromptText() != null && !tf.getPromptText().isBlank()
                && (tf.getText() == null || tf.getText().isEmpty()) && tf.getWidth() > 0) {
            Text prompt = new Text(tf.getPromptText());
            prompt.setFont(tf.getFont());
            double needed = prompt.getLayoutBounds().getWidth();
            double room = tf.getWidth() - tf.snappedLeftInset() - tf.snappedRightInset();
            if (needed > room + 0.5) {
                out.add(String.format(Locale.ROOT, "%s: prompt '%s'%s needs %.0f px, has %.0f", where,
                        tf.getPromptText(), tf.getId() == null ? "" : " of #" + tf.getId(), needed, room));
            }
            return;
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                prompts(child, where, out);
            }
        }
    }

    /**
     * Visible labels, buttons, text inputs, code areas, tables, lists and trees that reach outside what can be seen:
     * the window, or a clip on the way (split-pane items, tab contents, tab headers). Inside a scroll pane, a part
     * past its viewport in a direction it can scroll is fine: the user scrolls to it.
     */
    static List<String> outsideView(Scene scene, String where) {
        List<String> out = new ArrayList<>();
        outside(scene.getRoot(), new BoundingBox(0, 0, scene.getWidth(), scene.getHeight()), where, out);
        return out;
    }

    private static void outside(Node node, Bounds visible, String where, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        Bounds area = visible;
        if (node.getClip() != null) {
            area = intersect(area, node.localToScene(node.getClip().getBoundsInParent()));
        }
        boolean target = node instanceof Labeled || node instanceof TextInputControl || virtualised(node)
                || node instanceof org.fxmisc.richtext.GenericStyledArea;
        if (target) {
            Bounds b = node.localToScene(node.getLayoutBounds());
            if (b.getWidth() > 0 && b.getHeight() > 0 && (b.getMinX() < area.getMinX() - SLACK
                    || b.getMaxX() > area.getMaxX() + SLACK || b.getMinY() < area.getMinY() - SLACK
                    || b.getMaxY() > area.getMaxY() + SLACK)) {
                out.add(String.format(Locale.ROOT, "%s: %s%s at x %.0f–%.0f, y %.0f–%.0f is cut by what shows "
                                + "x %.0f–%.0f, y %.0f–%.0f", where, name(node), text(node), b.getMinX(),
                        b.getMaxX(), b.getMinY(), b.getMaxY(), area.getMinX(), area.getMaxX(), area.getMinY(),
                        area.getMaxY()));
            }
        }
        if (node instanceof ScrollPane sp) {
            Node viewport = sp.lookup(".viewport");
            if (sp.getContent() != null && viewport != null) {
                Bounds view = intersect(area, viewport.localToScene(viewport.getLayoutBounds()));
                boolean acrossOk = sp.getHbarPolicy() != ScrollPane.ScrollBarPolicy.NEVER;
                boolean downOk = sp.getVbarPolicy() != ScrollPane.ScrollBarPolicy.NEVER;
                double big = 1e7;
                Bounds inside = new BoundingBox(acrossOk ? -big : view.getMinX(), downOk ? -big : view.getMinY(),
                        acrossOk ? 2 * big : view.getWidth(), downOk ? 2 * big : view.getHeight());
                outside(sp.getContent(), inside, where, out);
            }
            return;
        }
        boolean looksInside = !(node instanceof TextInputControl) && !virtualised(node)
                && !(node instanceof org.fxmisc.richtext.GenericStyledArea)
                && (!(node instanceof Labeled) || node instanceof TitledPane);
        if (looksInside && node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                outside(child, area, where, out);
            }
        }
    }

    /** Controls whose rows scroll inside them: the control must be whole, its rows may be scrolled away. */
    private static boolean virtualised(Node node) {
        return node instanceof TableView || node instanceof ListView || node instanceof TreeView
                || node instanceof TreeTableView;
    }

    private static Bounds intersect(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        return new BoundingBox(minX, minY, Math.max(0, maxX - minX), Math.max(0, maxY - minY));
    }

    /** Horizontal scroll bars showing inside {@code node} (a list whose lines are wider than it). */
    static List<String> horizontalScrollBars(Node node, String where) {
        List<String> out = new ArrayList<>();
        for (Node bar : node.lookupAll(".scroll-bar")) {
            if (bar instanceof ScrollBar sb && sb.getOrientation() == Orientation.HORIZONTAL && showing(sb)) {
                out.add(where + ": a horizontal scroll bar in " + name(node));
            }
        }
        return out;
    }

    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getLayoutBounds().getWidth() > 0;
    }

    private static String name(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId());
    }

    private static String text(Node n) {
        if (n instanceof Labeled l && l.getText() != null) {
            return " '" + l.getText() + "'";
        }
        if (n instanceof TextInputControl t && t.getPromptText() != null && !t.getPromptText().isEmpty()) {
            return " (prompt '" + t.getPromptText() + "')";
        }
        return "";
    }
}
