package io.iotworkbench.ui.common;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syntax colouring of JSON text for RichTextFX areas: keys, strings, numbers, literals and punctuation get style
 * classes {@code json-key}, {@code json-string}, {@code json-number}, {@code json-literal}, {@code json-punct}
 * (colours in the theme CSS). Tolerant of invalid JSON (an editor's text while typing). Stateless; call on any
 * thread.
 */
public final class JsonHighlighter {

    private static final Pattern TOKENS = Pattern.compile(
            "(?<KEY>\"(?:[^\"\\\\]|\\\\.)*\"(?=\\s*:))"
                    + "|(?<STRING>\"(?:[^\"\\\\]|\\\\.)*\"?)"
                    + "|(?<NUMBER>-?\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)"
                    + "|(?<LITERAL>\\b(?:true|false|null)\\b)"
                    + "|(?<PUNCT>[{}\\[\\]:,])");

    private JsonHighlighter() {
    }

    public static StyleSpans<Collection<String>> spans(String text) {
        Matcher m = TOKENS.matcher(text);
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            String style = m.group("KEY") != null ? "json-key"
                    : m.group("STRING") != null ? "json-string"
                    : m.group("NUMBER") != null ? "json-number"
                    : m.group("LITERAL") != null ? "json-literal" : "json-punct";
            b.add(List.of(), m.start() - last);
            b.add(List.of(style), m.end() - m.start());
            last = m.end();
        }
        b.add(List.of(), text.length() - last);
        return b.create();
    }
}
