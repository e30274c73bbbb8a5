package io.iotworkbench.localcore.broker;

import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Deliveries gathered while one read batch (or one internal publish) is routed, grouped by the event loop of each
 * target session, then handed over with one task per loop ({@link #dispatch}): a burst of PUBLISH packets from one
 * client costs one cross-thread hand-off per other loop, not one per message and subscriber. Deliveries for the
 * current loop run in place. Order is kept: per loop in the order routed, and each loop runs its tasks in order.
 *
 * <p>Not thread-safe: one per event loop (used only there) or one per call on other threads.
 */
final class DeliveryBatch {

    record Delivery(Session session, Message message, int qos) {
    }

    private final BrokerCore core;
    private EventLoop[] loops = new EventLoop[4];
    @SuppressWarnings("unchecked")
    private List<Delivery>[] lists = new List[4];
    private int size;
    private boolean dispatching;

    DeliveryBatch(BrokerCore core) {
        this.core = core;
    }

    void add(Session s, Message m, int qos) {
        EventLoop l = s.loop();
        int i = 0;
        while (i < size && loops[i] != l) {
            i++;
        }
        if (i == size) {
            if (size == loops.length) {
                loops = Arrays.copyOf(loops, size * 2);
                lists = Arrays.copyOf(lists, size * 2);
            }
            loops[size] = l;
            if (lists[size] == null) {
                lists[size] = new ArrayList<>();
            }
            size++;
        }
        lists[i].add(new Delivery(s, m, qos));
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Runs the deliveries for the current loop now and hands the others to their loops. */
    void dispatch() {
        dispatching = true;
        try {
            dispatchAll();
        } finally {
            dispatching = false;
        }
    }

    /** Whether {@link #dispatch} is running (a listener called from a delivery publishes again). */
    boolean dispatching() {
        return dispatching;
    }

    private void dispatchAll() {
        for (int i = 0; i < size; i++) {
            EventLoop l = loops[i];
            List<Delivery> list = lists[i];
            if (list.isEmpty()) {
                continue;
            }
            if (l.inEventLoop()) {
                core.runDeliveries(l, list);
                list.clear();
            } else {
                lists[i] = new ArrayList<>(list.size());
                core.execute(l, () -> core.runDeliveries(l, list));
            }
        }
        for (int i = 0; i < size; i++) {
            loops[i] = null;
        }
        size = 0;
    }
}
