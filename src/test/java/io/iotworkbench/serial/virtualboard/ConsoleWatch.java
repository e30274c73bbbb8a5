package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.serial.console.SerialConsole;
import io.iotworkbench.serial.console.SerialLine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Watches a {@link SerialConsole} so a test can wait, with a timeout, for a line or for the prompt. */
final class ConsoleWatch implements SerialConsole.Listener {

    private final List<SerialLine> lines = new ArrayList<>();
    private SerialLine partial;

    @Override
    public synchronized void linesDecoded(List<SerialLine> decoded, SerialLine now) {
        lines.addAll(decoded);
        partial = now;
        notifyAll();
    }

    /** The position after the lines seen so far; pass it to {@link #await} to look only at newer lines. */
    synchronized int mark() {
        return lines.size();
    }

    synchronized List<SerialLine> since(int mark) {
        return List.copyOf(lines.subList(mark, lines.size()));
    }

    /** The first line after {@code mark} that matches; fails after {@code timeout}, listing what came. */
    synchronized SerialLine await(int mark, Predicate<SerialLine> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        int next = mark;
        while (true) {
            for (; next < lines.size(); next++) {
                if (wanted.test(lines.get(next))) {
                    return lines.get(next);
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("no matching line within " + timeout + "; got: "
                        + since(mark).stream().map(SerialLine::text).toList());
            }
            wait(left);
        }
    }

    SerialLine awaitText(int mark, String contained, Duration timeout) throws InterruptedException {
        return await(mark, l -> l.text().contains(contained), timeout);
    }

    /**
     * Waits until lines arrived after {@code mark} and the line being received is a bare prompt ({@code W800: }): the
     * CLI has answered and waits for input again.
     */
    synchronized void awaitPrompt(int mark, String chip, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (lines.size() <= mark || partial == null || !partial.text().equals(chip + ": ")) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("no prompt within " + timeout + "; partial line: "
                        + (partial == null ? "none" : "'" + partial.text() + "'"));
            }
            wait(left);
        }
    }
}
