package io.iotworkbench.ui.help;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Help menu shows: the README's {@code ##} sections (the README is packaged next to this class) and the
 * keyboard shortcuts. Toolkit-free and immutable once read.
 */
public final class HelpTopics {

    /** The keyboard shortcuts, as shown in Help › Keyboard shortcuts. */
    public static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Ctrl+N", "New profile"},
            new String[] {"Ctrl+Q", "Quit"},
            new String[] {"Ctrl+= / Ctrl++", "Larger text"},
            new String[] {"Ctrl+-", "Smaller text"},
            new String[] {"Ctrl+0", "Default text size"},
            new String[] {"Enter (thing field)", "Switch the session to the typed thing"},
            new String[] {"PageDown / →", "Demo: run the next step (what a presenter remote sends)"},
            new String[] {"Esc", "Demo: stop"},
            new String[] {"Tab (serial input)", "Complete a WM CLI command"},
            new String[] {"↑ / ↓ (serial input)", "Command history"},
            new String[] {"F1", "Welcome"});

    private final Map<String, String> sections;

    private HelpTopics(Map<String, String> sections) {
        this.sections = sections;
    }

    /** The packaged README's sections; none when it is missing (a build without it). */
    public static HelpTopics packaged() {
        try (InputStream in = HelpTopics.class.getResourceAsStream("README.md")) {
            return in == null ? new HelpTopics(Map.of())
                    : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new HelpTopics(Map.of());
        }
    }

    /** Splits a Markdown text at its {@code ## } headings (subsections stay inside their section). */
    public static HelpTopics parse(String markdown) {
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("## ")) {
                if (current != null) {
                    out.put(current, text.toString().strip());
                }
                current = line.substring(3).strip();
                text.setLength(0);
            } else if (current != null) {
                text.append(line).append('\n');
            }
        }
        if (current != null) {
            out.put(current, text.toString().strip());
        }
        return new HelpTopics(out);
    }

    public List<String> titles() {
        return new ArrayList<>(sections.keySet());
    }

    public String text(String title) {
        return sections.getOrDefault(title, "");
    }
}
