package io.iotworkbench.serial.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges batches of events into a list kept in time order (ties by sequence) and bounded: each batch is sorted, then
 * every event is inserted where it belongs (found from the end, since events mostly arrive in order), and the oldest
 * events beyond the capacity are removed. The list may be a UI list; the merger makes one bulk removal per batch.
 *
 * <p>Not thread-safe: call from the thread that owns the list.
 */
public final class TimelineMerger {

    public static final Comparator<TimelineEvent> ORDER = Comparator.comparing(TimelineEvent::time)
            .thenComparingLong(TimelineEvent::sequence);

    private final int capacity;
    private long dropped;

    public TimelineMerger(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** Events removed to stay within the capacity. */
    public long droppedCount() {
        return dropped;
    }

    public void merge(List<TimelineEvent> target, List<TimelineEvent> batch) {
        List<TimelineEvent> sorted = new ArrayList<>(batch);
        sorted.sort(ORDER);
        int appendFrom = 0;
        while (appendFrom < sorted.size() && needsInsert(target, sorted.get(appendFrom))) {
            TimelineEvent e = sorted.get(appendFrom);
            target.add(insertionIndex(target, e), e);
            appendFrom++;
        }
        if (appendFrom < sorted.size()) {
            target.addAll(sorted.subList(appendFrom, sorted.size()));
        }
        int excess = target.size() - capacity;
        if (excess > 0) {
            target.subList(0, excess).clear();
            dropped += excess;
        }
    }

    private static boolean needsInsert(List<TimelineEvent> target, TimelineEvent e) {
        return !target.isEmpty() && ORDER.compare(target.get(target.size() - 1), e) > 0;
    }

    /** Where {@code e} goes: after every event that is not later than it. */
    static int insertionIndex(List<TimelineEvent> list, TimelineEvent e) {
        int low = 0;
        int high = list.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ORDER.compare(list.get(mid), e) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
