package io.iotworkbench.ui.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The probe's record of when each measured pulse and each selection happened, so that its printout can place the
 * longest pulses against the selections (which selection, if any, was waiting during a long pulse). Bounded: keeps
 * at most {@code capacity} entries of each kind.
 *
 * <p>Thread-safe (synchronized): pulses are recorded on the FX thread, selections from the probe's thread.
 */
final class PulseLog {

    /**
     * One pulse: its number since measuring began, when it ended (nanoTime and wall clock), its length and the FX
     * thread's CPU time in it (the rest of its length the FX thread waited: for a core, or for the render thread).
     */
    record Pulse(int number, long endNanos, long endEpochMillis, long nanos, long fxCpuNanos) {
    }

    /** One selection: when it was posted and how long until its answer was on screen (-1: not answered). */
    record Selection(int number, long askedNanos, long latencyNanos) {
    }

    private final int capacity;
    private final List<Pulse> pulses = new ArrayList<>();
    private final List<Selection> selections = new ArrayList<>();

    PulseLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void pulse(long endNanos, long nanos, long fxCpuNanos) {
        if (pulses.size() < capacity) {
            pulses.add(new Pulse(pulses.size() + 1, endNanos, System.currentTimeMillis(), nanos, fxCpuNanos));
        }
    }

    synchronized void selection(long askedNanos, long latencyNanos) {
        if (selections.size() < capacity) {
            selections.add(new Selection(selections.size() + 1, askedNanos, latencyNanos));
        }
    }

    /** The {@code n} longest pulses, longest first. */
    synchronized List<Pulse> longest(int n) {
        return pulses.stream().sorted(Comparator.comparingLong(Pulse::nanos).reversed()).limit(n).toList();
    }

    /** The selection that was posted before {@code p} ended and answered after {@code p} began, if any. */
    synchronized Optional<Selection> waitingDuring(Pulse p) {
        long begin = p.endNanos() - p.nanos();
        return selections.stream().filter(s -> s.askedNanos() <= p.endNanos()
                && s.askedNanos() + Math.max(0, s.latencyNanos()) >= begin).findFirst();
    }
}
