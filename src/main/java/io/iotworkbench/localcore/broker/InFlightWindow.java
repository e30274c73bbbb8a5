package io.iotworkbench.localcore.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A session's QoS 1 messages sent and not yet acknowledged, by packet id, without a map entry or a boxed id per
 * message: packet ids are handed out in order and each occupies the slot {@code id % slots}; an id whose slot is
 * taken (a message still unacknowledged from long ago) is skipped. So at most {@code slots} messages are in flight,
 * twice the window, and a PUBACK finds its message in one array read.
 *
 * <p>Not thread-safe: confined to the session's event loop.
 */
final class InFlightWindow {

    /** A message in flight: the message, its RETAIN flag on the wire, its packet id and send order. */
    record Entry(Message message, boolean retainFlag, int packetId, long order) {
    }

    private final Entry[] slots;
    private final int mask;
    private int size;
    private int lastPacketId;
    private long order;

    InFlightWindow(int window) {
        int n = Integer.highestOneBit(Math.max(2, window * 2 - 1)) << 1;
        slots = new Entry[Math.min(n, 1 << 16)];
        mask = slots.length - 1;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Takes the next free packet id for {@code m}; the caller keeps the window below its limit. */
    int add(Message m, boolean retainFlag) {
        int id = lastPacketId;
        do {
            id = id == 65_535 ? 1 : id + 1;
        } while (slots[id & mask] != null);
        lastPacketId = id;
        slots[id & mask] = new Entry(m, retainFlag, id, order++);
        size++;
        return id;
    }

    /** @return the acknowledged entry, or null when {@code packetId} is not in flight */
    Entry remove(int packetId) {
        int i = packetId & mask;
        Entry e = slots[i];
        if (e == null || e.packetId() != packetId) {
            return null;
        }
        slots[i] = null;
        size--;
        return e;
    }

    /** Every entry in the order sent (for a resend after reconnect). */
    List<Entry> inOrder() {
        List<Entry> out = new ArrayList<>(size);
        for (Entry e : slots) {
            if (e != null) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparingLong(Entry::order));
        return out;
    }

    void clear(Consumer<Entry> each) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                each.accept(slots[i]);
                slots[i] = null;
            }
        }
        size = 0;
    }
}
