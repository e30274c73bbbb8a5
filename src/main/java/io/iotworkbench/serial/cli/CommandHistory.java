package io.iotworkbench.serial.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines typed into the console, newest last, bounded (100 by default; the oldest goes first). Blank lines and a
 * repeat of the newest line are not added. {@link #previous} and {@link #next} walk the history like the up and down
 * keys, keeping the draft the user was typing so that walking past the newest entry brings it back.
 *
 * <p>Not thread-safe: used on the FX thread by the console's input field.
 */
public final class CommandHistory {

    public static final int DEFAULT_CAPACITY = 100;

    private final int capacity;
    private final List<String> entries = new ArrayList<>();
    private int cursor;
    private String draft = "";

    public CommandHistory() {
        this(DEFAULT_CAPACITY);
    }

    public CommandHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public void add(String line) {
        if (line.isBlank()) {
            cursor = entries.size();
            return;
        }
        if (entries.isEmpty() || !entries.get(entries.size() - 1).equals(line)) {
            entries.add(line);
            if (entries.size() > capacity) {
                entries.remove(0);
            }
        }
        cursor = entries.size();
        draft = "";
    }

    /** The entry before the current one; {@code currentText} is remembered as the draft when leaving it. */
    public Optional<String> previous(String currentText) {
        if (cursor == 0) {
            return Optional.empty();
        }
        if (cursor == entries.size()) {
            draft = currentText;
        }
        cursor--;
        return Optional.of(entries.get(cursor));
    }

    /** The entry after the current one, or the draft when walking past the newest entry. */
    public Optional<String> next() {
        if (cursor >= entries.size()) {
            return Optional.empty();
        }
        cursor++;
        return Optional.of(cursor == entries.size() ? draft : entries.get(cursor));
    }

    public List<String> entries() {
        return List.copyOf(entries);
    }

    public int size() {
        return entries.size();
    }

    public int capacity() {
        return capacity;
    }
}
