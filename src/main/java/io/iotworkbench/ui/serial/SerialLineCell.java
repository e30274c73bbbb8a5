package io.iotworkbench.ui.serial;

import io.iotworkbench.serial.console.LogLevel;
import io.iotworkbench.serial.console.SearchMatch;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.console.StyledSpan;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ListCell;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One console line in the virtualized list: optional host time, then the line's styled runs — ANSI colours where the
 * firmware sent them, otherwise the WM level's colour ({@code [E]} red, {@code [W]} yellow, {@code [I]} cyan,
 * {@code [D]} green, {@code [V]} blue) — with search hits highlighted. Colours come from the theme's style classes
 * ({@code ansi-*}, {@code wm-level-*}). FX thread only.
 */
final class SerialLineCell extends ListCell<SerialLine> {

    private final ConsoleViewModel vm;
    private final TextFlow flow = new TextFlow();

    SerialLineCell(ConsoleViewModel vm) {
        this.vm = vm;
        getStyleClass().add("console-cell");
        flow.getStyleClass().add("console-flow");
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(SerialLine line, boolean empty) {
        super.updateItem(line, empty);
        if (empty || line == null) {
            setGraphic(null);
            return;
        }
        SerialLine shown = vm.shown(line);
        flow.getChildren().setAll(texts(shown, vm.timestampsProperty().get(),
                shown == line ? vm.highlightRanges(line) : List.of()));
        setGraphic(flow);
    }

    /** The Text nodes of a line; public to the package for the timeline's serial rows. */
    static List<Text> texts(SerialLine line, boolean withTime, List<SearchMatch> hits) {
        List<Text> out = new ArrayList<>();
        if (withTime) {
            out.add(text(ConsoleViewModel.TIME.format(line.time()) + "  ", "console-time"));
        }
        String levelClass = line.level() == null ? null
                : "wm-level-" + Character.toLowerCase(line.level().letter());
        String text = line.text();
        for (StyledSpan span : line.spans()) {
            List<String> classes = new ArrayList<>(3);
            if (span.style().foreground() != null) {
                classes.add("ansi-" + span.style().foreground().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            } else if (levelClass != null) {
                classes.add(levelClass);
            }
            if (span.style().bold()) {
                classes.add("ansi-bold");
            }
            int at = span.start();
            for (SearchMatch hit : hits) {
                if (hit.end() <= at || hit.start() >= span.end()) {
                    continue;
                }
                int from = Math.max(at, hit.start());
                int to = Math.min(span.end(), hit.end());
                if (from > at) {
                    out.add(text(text.substring(at, from), classes));
                }
                List<String> hitClasses = new ArrayList<>(classes);
                hitClasses.add("search-hit");
                out.add(text(text.substring(from, to), hitClasses));
                at = to;
            }
            if (at < span.end()) {
                out.add(text(text.substring(at, span.end()), classes));
            }
        }
        return out;
    }

    /** The colour class of a level, for legends and toggles. */
    static String levelClass(LogLevel level) {
        return "wm-level-" + Character.toLowerCase(level.letter());
    }

    private static Text text(String s, String styleClass) {
        return text(s, List.of(styleClass));
    }

    private static Text text(String s, List<String> classes) {
        Text t = new Text(s);
        t.getStyleClass().add("console-text");
        t.getStyleClass().addAll(classes);
        return t;
    }
}
