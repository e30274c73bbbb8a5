package io.iotworkbench.serial.console;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which console lines to show: the log levels to keep, whether to keep lines that are not log output (prompts,
 * command replies, banners), and the tags to keep (empty for every tag). A tag filter keeps only log lines.
 *
 * <p>Immutable; safe from any thread.
 */
public record LineFilter(Set<LogLevel> levels, boolean includeUnleveled, Set<String> tags) {

    public static final LineFilter ALL = new LineFilter(EnumSet.allOf(LogLevel.class), true, Set.of());

    public LineFilter {
        levels = levels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(levels));
        tags = Set.copyOf(tags);
    }

    /** Log lines of the given levels only. */
    public static LineFilter levels(LogLevel first, LogLevel... more) {
        return new LineFilter(EnumSet.of(first, more), false, Set.of());
    }

    /** Log lines at least as severe as {@code threshold}, e.g. WARN keeps warnings and errors. */
    public static LineFilter atLeast(LogLevel threshold) {
        EnumSet<LogLevel> kept = EnumSet.noneOf(LogLevel.class);
        for (LogLevel level : LogLevel.values()) {
            if (level.isShownAt(threshold)) {
                kept.add(level);
            }
        }
        return new LineFilter(kept, false, Set.of());
    }

    public LineFilter withTags(Set<String> kept) {
        return new LineFilter(levels, includeUnleveled, kept);
    }

    public LineFilter withUnleveled(boolean include) {
        return new LineFilter(levels, include, tags);
    }

    public boolean matches(SerialLine line) {
        LogLevel level = line.level();
        if (level == null) {
            return includeUnleveled && tags.isEmpty();
        }
        return levels.contains(level) && (tags.isEmpty() || tags.contains(line.tag()));
    }

    public boolean isAll() {
        return includeUnleveled && tags.isEmpty() && levels.size() == LogLevel.values().length;
    }
}
