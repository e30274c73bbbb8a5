package io.iotworkbench.ui.common;

import javafx.css.CssParser;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every stylesheet we ship parses without a single CSS error, and in both themes every text colour the theme defines
 * has a contrast of at least 4.5:1 (WCAG AA) against the background it is drawn on, both computed from the looked-up
 * colours after CSS was applied.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class ThemeCheckTest {

    private static final double MIN_CONTRAST = 4.5;

    /** A text sample: the node whose text colour is checked, inside the parents that give it its context. */
    private record Sample(String name, Supplier<Node[]> chain) {
    }

    @Start
    void start(Stage stage) {
        // the toolkit is all this test needs
    }

    @Test
    void everyShippedStylesheetParsesWithoutErrors() throws Exception {
        List<String> errors = new ArrayList<>();
        for (String sheet : Appearance.stylesheets()) {
            CssParser.errorsProperty().clear();
            new CssParser().parse(new URL(sheet));
            CssParser.errorsProperty().forEach(e -> errors.add(sheet.substring(sheet.lastIndexOf('/') + 1) + ": "
                    + e.getMessage()));
            CssParser.errorsProperty().clear();
        }
        assertThat(errors).as("CSS errors").isEmpty();
    }

    @Test
    void textColoursHaveEnoughContrastInBothThemes(FxRobot robot) {
        List<String> failures = new ArrayList<>();
        for (Appearance.Theme theme : Appearance.Theme.values()) {
            for (Sample sample : samples()) {
                robot.interact(() -> {
                    Node[] chain = sample.chain().get();
                    Node target = chain[chain.length - 1];
                    Parent outer = nest(chain);
                    StackPane root = new StackPane(outer);
                    Scene scene = new Scene(root, 400, 200);
                    scene.getStylesheets().setAll(Appearance.stylesheets(theme));
                    root.applyCss();
                    root.layout();
                    Color fg = colour(foreground(target));
                    Color bg = background(target);
                    double ratio = contrast(fg, bg);
                    if (ratio < MIN_CONTRAST) {
                        failures.add(String.format(Locale.ROOT, "%s %s: %s on %s = %.2f:1", theme.id(),
                                sample.name(), hex(fg), hex(bg), ratio));
                    }
                });
            }
        }
        assertThat(failures).as("text below %.1f:1", MIN_CONTRAST).isEmpty();
    }

    private static Parent nest(Node[] chain) {
        Node inner = chain[chain.length - 1];
        for (int i = chain.length - 2; i >= 0; i--) {
            Parent p = (Parent) chain[i];
            if (p instanceof javafx.scene.layout.Pane pane) {
                pane.getChildren().add(inner);
            } else if (p instanceof Labeled l) {
                l.setGraphic(inner);
            }
            inner = p;
        }
        return inner instanceof Parent p ? p : new StackPane(inner);
    }

    private static List<Sample> samples() {
        List<Sample> s = new ArrayList<>();
        s.add(label("plain label"));
        for (String c : List.of("muted", "pane-message", "mqtt-notice", "mqtt-hint", "mqtt-topic-counts",
                "mqtt-topic-preview", "serial-muted", "serial-usage", "check-info", "check-skipped", "pane-session",
                "serial-message", "form-error", "has-errors", "check-ok", "check-error", "check-warning",
                "pane-title", "section-title", "pane-purpose", "pane-placeholder")) {
            s.add(label(c, c));
        }
        for (String state : List.of("connected", "connecting", "reconnecting", "failed", "disconnected")) {
            s.add(label("state badge " + state, "state-badge", "state-" + state));
        }
        s.add(label("presenter badge", "state-badge", "presenter-badge"));
        s.add(label("retained mark", "mqtt-retained"));
        s.add(label("json popup", "json-popup"));
        s.add(new Sample("session bar label", () -> new Node[] {region("session-bar"), new Label("Profile")}));
        s.add(new Sample("status bar label", () -> new Node[] {region("status-bar"), new Label("status")}));
        s.add(new Sample("status bar muted", () -> new Node[] {region("status-bar"), styled(new Label("x"),
                "muted")}));
        s.add(new Sample("hyperlink", () -> new Node[] {region(), new Hyperlink("link")}));
        for (String level : List.of("log-warning", "log-error")) {
            s.add(new Sample("activity " + level, () -> new Node[] {region("list-view"), cell(level, false)}));
            s.add(new Sample("activity " + level + " selected", () -> new Node[] {region("list-view"),
                    cell(level, true)}));
        }
        s.add(new Sample("list cell selected", () -> new Node[] {region("list-view"), cell(null, true)}));
        for (String pane : List.of("mqtt-pane", "jobs-pane", "things-pane", "certs-pane", "serial-console")) {
            s.add(new Sample("prompt text in " + pane, () -> new Node[] {region(pane), prompt()}));
        }
        s.add(new Sample("prompt text", () -> new Node[] {region(), prompt()}));
        s.add(new Sample("mqtt active row", () -> new Node[] {region("tree-view"), treeCell("mqtt-active")}));
        s.add(new Sample("mqtt active row counts", () -> new Node[] {region("tree-view"), treeCell("mqtt-active"),
                styled(new Label("3 msgs"), "mqtt-topic-counts")}));
        for (String c : List.of("json-key", "json-string", "json-number", "json-literal", "json-punct", "json-brace",
                "json-none")) {
            s.add(new Sample("json " + c, () -> new Node[] {region("json-area"), text("text", c)}));
        }
        s.add(new Sample("json plain", () -> new Node[] {region("json-area"), text("text")}));
        s.add(new Sample("json lineno", () -> new Node[] {region("json-area"), styled(new Label("12"), "lineno")}));
        for (String c : List.of("console-time", "wm-level-e", "wm-level-w", "wm-level-i", "wm-level-d",
                "wm-level-v", "ansi-red", "ansi-yellow", "ansi-cyan", "ansi-green", "ansi-blue", "ansi-magenta",
                "ansi-black", "ansi-white", "ansi-bright-black", "ansi-bright-white", "search-hit")) {
            s.add(new Sample("console " + c, () -> new Node[] {region("list-view", "console-list"),
                    cell(null, false), new VBox(), text("console-text", c)}));
        }
        s.add(new Sample("console plain", () -> new Node[] {region("list-view", "console-list"), cell(null, false),
                new VBox(), text("console-text")}));
        for (String c : List.of("timeline-serial", "timeline-mqtt", "timeline-shadow", "timeline-job")) {
            s.add(new Sample("timeline " + c, () -> new Node[] {region("list-view"), cell(null, false), new VBox(),
                    text(c)}));
        }
        s.add(new Sample("chart axis", () -> new Node[] {region(), styled(new Label("10"), "axis-label")}));
        return s;
    }

    private static Sample label(String name, String... classes) {
        return new Sample(name, () -> new Node[] {region(), styled(new Label(name), classes)});
    }

    private static <T extends Node> T styled(T node, String... classes) {
        node.getStyleClass().addAll(classes);
        return node;
    }

    private static Region region(String... classes) {
        return styled(new VBox(), classes);
    }

    private static Text text(String... classes) {
        return styled(new Text("sample"), classes);
    }

    private static ListCell<String> cell(String level, boolean selected) {
        ListCell<String> cell = new ListCell<>();
        cell.setText("cell text");
        if (level != null) {
            cell.getStyleClass().add(level);
        }
        cell.pseudoClassStateChanged(PseudoClass.getPseudoClass("filled"), true);
        cell.pseudoClassStateChanged(PseudoClass.getPseudoClass("selected"), selected);
        return cell;
    }

    private static TreeCell<String> treeCell(String c) {
        TreeCell<String> cell = new TreeCell<>();
        cell.setText("wm/topic");
        cell.getStyleClass().add(c);
        cell.pseudoClassStateChanged(PseudoClass.getPseudoClass(c), true);
        cell.pseudoClassStateChanged(PseudoClass.getPseudoClass("filled"), true);
        return cell;
    }

    private static TextField prompt() {
        TextField field = new TextField();
        field.setPromptText("Search");
        return field;
    }

    private static Paint foreground(Node node) {
        if (node instanceof TextField f) {
            return promptText(f).getFill();
        }
        if (node instanceof Labeled l) {
            return l.getTextFill();
        }
        return ((Text) node).getFill();
    }

    private static Text promptText(Parent p) {
        for (Node n : p.getChildrenUnmodifiable()) {
            if (n instanceof Text t && "Search".equals(t.getText())) {
                return t;
            }
            if (n instanceof Parent child) {
                Text found = promptText(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Color colour(Paint p) {
        return p instanceof Color c ? c : Color.BLACK;
    }

    /** The opaque colour behind {@code node}: the backgrounds of it and its parents, composed outermost first. */
    private static Color background(Node node) {
        List<Color> layers = new ArrayList<>();
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof Region r) {
                Background b = r.getBackground();
                if (b != null && !b.getFills().isEmpty()) {
                    BackgroundFill last = b.getFills().get(b.getFills().size() - 1);
                    Paint fill = last.getFill();
                    if (fill instanceof javafx.scene.paint.LinearGradient g) {
                        fill = g.getStops().get(g.getStops().size() - 1).getColor();
                    }
                    if (fill instanceof Color c && c.getOpacity() > 0) {
                        layers.add(c);
                    }
                }
            }
        }
        Color result = Color.WHITE;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Color c = layers.get(i);
            double a = c.getOpacity();
            result = Color.color(c.getRed() * a + result.getRed() * (1 - a),
                    c.getGreen() * a + result.getGreen() * (1 - a), c.getBlue() * a + result.getBlue() * (1 - a));
        }
        return result;
    }

    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
