package io.iotworkbench.ui.shadow;

import org.fxmisc.richtext.CodeArea;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Highlights the bracket next to the caret and its partner in a JSON editor (style class {@code bracket-match}).
 * Skips brackets inside strings. FX thread only.
 */
final class BracketMatcher {

    private BracketMatcher() {
    }

    static void highlight(CodeArea area, int caret) {
        String text = area.getText();
        int at = -1;
        if (caret > 0 && isBracket(text.charAt(caret - 1))) {
            at = caret - 1;
        } else if (caret < text.length() && isBracket(text.charAt(caret))) {
            at = caret;
        }
        area.setStyleSpans(0, io.iotworkbench.ui.common.JsonHighlighter.spans(text));
        if (at < 0) {
            return;
        }
        int match = partner(text, at);
        if (match >= 0) {
            mark(area, at);
            mark(area, match);
        }
    }

    private static void mark(CodeArea area, int pos) {
        Collection<String> style = new ArrayList<>(area.getStyleOfChar(pos));
        style.add("bracket-match");
        area.setStyle(pos, pos + 1, style);
    }

    static boolean isBracket(char c) {
        return c == '{' || c == '}' || c == '[' || c == ']';
    }

    /** The matching bracket's position, or -1. */
    static int partner(String text, int at) {
        char c = text.charAt(at);
        boolean forward = c == '{' || c == '[';
        char open = forward ? c : (c == '}' ? '{' : '[');
        char close = forward ? (c == '{' ? '}' : ']') : c;
        List<Boolean> inString = stringMask(text);
        int depth = 0;
        for (int i = at; forward ? i < text.length() : i >= 0; i += forward ? 1 : -1) {
            if (inString.get(i)) {
                continue;
            }
            char ch = text.charAt(i);
            if (ch == open) {
                depth += forward ? 1 : -1;
            } else if (ch == close) {
                depth += forward ? -1 : 1;
            }
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<Boolean> stringMask(String text) {
        List<Boolean> mask = new ArrayList<>(text.length());
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                in = !in;
                mask.add(true);
            } else {
                mask.add(in);
            }
        }
        return mask;
    }
}
