package io.iotworkbench.serial.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The console's history: the newest lines up to a line bound (100,000 by default) and a character bound (so a flood of
 * 16 KiB lines cannot take gigabytes). When either bound is reached the oldest lines are dropped and counted. Answers
 * filters by level and tag, searches with positions, and the set of tags present.
 *
 * <p>Thread-safe: every method holds the store's lock; the pipeline thread appends while the UI reads copies.
 */
public final class SerialLineStore {

    public static final int DEFAULT_CAPACITY = 100_000;
    public static final long DEFAULT_MAX_CHARS = 32L * 1024 * 1024;

    private final SerialLine[] ring;
    private final long maxChars;
    private final Map<String, Integer> tagCounts = new HashMap<>();
    private int head;
    private int size;
    private long chars;
    private long dropped;

    public SerialLineStore() {
        this(DEFAULT_CAPACITY, DEFAULT_MAX_CHARS);
    }

    public SerialLineStore(int capacity) {
        this(capacity, DEFAULT_MAX_CHARS);
    }

    public SerialLineStore(int capacity, long maxChars) {
        if (capacity < 1 || maxChars < 1) {
            throw new IllegalArgumentException("capacity and maxChars must be positive");
        }
        this.ring = new SerialLine[capacity];
        this.maxChars = maxChars;
    }

    public synchronized void add(SerialLine line) {
        if (size == ring.length) {
            dropOldest();
        }
        ring[(head + size) % ring.length] = line;
        size++;
        chars += line.text().length();
        if (line.tag() != null) {
            tagCounts.merge(line.tag(), 1, Integer::sum);
        }
        while (chars > maxChars && size > 1) {
            dropOldest();
        }
    }

    public synchronized void addAll(Collection<SerialLine> lines) {
        for (SerialLine line : lines) {
            add(line);
        }
    }

    private void dropOldest() {
        SerialLine old = ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
        dropped++;
        chars -= old.text().length();
        if (old.tag() != null) {
            tagCounts.computeIfPresent(old.tag(), (t, n) -> n == 1 ? null : n - 1);
        }
    }

    public synchronized int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    /** How many lines were dropped to stay within the bounds since the store was created. */
    public synchronized long droppedCount() {
        return dropped;
    }

    /** A copy of every line, oldest first. */
    public synchronized List<SerialLine> lines() {
        return filter(LineFilter.ALL);
    }

    /** A copy of the lines {@code filter} keeps, oldest first. */
    public synchronized List<SerialLine> filter(LineFilter filter) {
        List<SerialLine> kept = new ArrayList<>(filter.isAll() ? size : Math.min(size, 1024));
        for (int i = 0; i < size; i++) {
            SerialLine line = ring[(head + i) % ring.length];
            if (filter.matches(line)) {
                kept.add(line);
            }
        }
        return kept;
    }

    /**
     * Finds {@code needle} in the text of the lines {@code filter} keeps, oldest first, at most {@code maxMatches}
     * occurrences (overlapping occurrences are not counted twice).
     */
    public synchronized List<SearchMatch> search(String needle, boolean ignoreCase, LineFilter filter,
                                                 int maxMatches) {
        if (needle.isEmpty()) {
            return List.of();
        }
        List<SearchMatch> matches = new ArrayList<>();
        for (int i = 0; i < size && matches.size() < maxMatches; i++) {
            SerialLine line = ring[(head + i) % ring.length];
            if (!filter.matches(line)) {
                continue;
            }
            String text = line.text();
            int last = text.length() - needle.length();
            for (int at = 0; at <= last && matches.size() < maxMatches; at++) {
                if (text.regionMatches(ignoreCase, at, needle, 0, needle.length())) {
                    matches.add(new SearchMatch(line.number(), at, at + needle.length()));
                    at += needle.length() - 1;
                }
            }
        }
        return matches;
    }

    /** The index in {@link #lines()} of the line numbered {@code number}, or -1 when it was dropped or never came. */
    public synchronized int indexOf(long number) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long n = ring[(head + mid) % ring.length].number();
            if (n < number) {
                low = mid + 1;
            } else if (n > number) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The tags of the lines held now, sorted. */
    public synchronized SortedSet<String> tags() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(tagCounts.keySet()));
    }

    /** Removes every line; the dropped count is kept. */
    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        head = 0;
        size = 0;
        chars = 0;
        tagCounts.clear();
    }
}
