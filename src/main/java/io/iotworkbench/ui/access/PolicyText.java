package io.iotworkbench.ui.access;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * A policy document laid out for reading, with the character range of one statement (the one that decided) so the
 * view can highlight it. {@code start == end} when there is nothing to highlight (no statement decided, or the
 * document is not JSON, in which case the text is the document as it came). Immutable; any thread.
 */
public record PolicyText(String text, int start, int end) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static final PolicyText EMPTY = new PolicyText("", 0, 0);

    public boolean hasHighlight() {
        return end > start;
    }

    /** The document pretty-printed, with statement {@code statementIndex} (0-based, -1 for none) marked. */
    public static PolicyText of(String document, int statementIndex) {
        if (document == null || document.isBlank()) {
            return EMPTY;
        }
        String pretty;
        try {
            JsonNode node = MAPPER.readTree(document);
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            pretty = MAPPER.writer(printer)
                    .writeValueAsString(node).replace("\r\n", "\n");
        } catch (IOException notJson) {
            return new PolicyText(document, 0, 0);
        }
        if (statementIndex < 0) {
            return new PolicyText(pretty, 0, 0);
        }
        try {
            return locate(pretty, statementIndex);
        } catch (IOException cannotHappen) {
            return new PolicyText(pretty, 0, 0);
        }
    }

    /** Finds the {@code index}th element of the top-level "Statement" array (or the single statement object). */
    private static PolicyText locate(String pretty, int index) throws IOException {
        try (JsonParser p = MAPPER.getFactory().createParser(pretty)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new PolicyText(pretty, 0, 0);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!"Statement".equals(name)) {
                    p.skipChildren();
                    continue;
                }
                if (value == JsonToken.START_OBJECT) {
                    return index == 0 ? objectRange(p, pretty) : new PolicyText(pretty, 0, 0);
                }
                if (value != JsonToken.START_ARRAY) {
                    return new PolicyText(pretty, 0, 0);
                }
                int i = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
                    if (i == index && t == JsonToken.START_OBJECT) {
                        return objectRange(p, pretty);
                    }
                    p.skipChildren();
                    i++;
                }
                return new PolicyText(pretty, 0, 0);
            }
            return new PolicyText(pretty, 0, 0);
        }
    }

    /** With the parser on a START_OBJECT: the range from its brace to its closing brace, both included. */
    private static PolicyText objectRange(JsonParser p, String pretty) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset();
        p.skipChildren();
        int end = (int) p.currentTokenLocation().getCharOffset() + 1;
        // start at the beginning of the line so the highlight covers the statement's indentation too
        int lineStart = pretty.lastIndexOf('\n', start - 1) + 1;
        return new PolicyText(pretty, lineStart, Math.min(end, pretty.length()));
    }
}
