package io.iotworkbench.serial.console;

import io.iotworkbench.diagnostics.Redactor;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The newest raw bytes of a port (16 KiB by default) for the console's hex view, and the hex dump of them.
 *
 * <p>Thread-safe: {@link #received} is called on the serial reader thread, {@link #snapshot} from any other.
 */
public final class RawCapture {

    public static final int DEFAULT_CAPACITY = 16 * 1024;

    private final byte[] ring;
    private long total;

    public RawCapture() {
        this(DEFAULT_CAPACITY);
    }

    public RawCapture(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        ring = new byte[capacity];
    }

    public synchronized void received(byte[] chunk) {
        for (byte b : chunk) {
            ring[(int) (total % ring.length)] = b;
            total++;
        }
    }

    /** How many bytes came since creation or the last {@link #clear}. */
    public synchronized long total() {
        return total;
    }

    /** The bytes held, oldest first, and the stream offset of the first one. */
    public synchronized Snapshot snapshot() {
        int n = (int) Math.min(total, ring.length);
        byte[] out = new byte[n];
        long first = total - n;
        for (int i = 0; i < n; i++) {
            out[i] = ring[(int) ((first + i) % ring.length)];
        }
        return new Snapshot(first, out);
    }

    public synchronized void clear() {
        total = 0;
    }

    /** Bytes and where they start in the stream. */
    public record Snapshot(long offset, byte[] bytes) {
    }

    /** Classic 16 bytes per row: offset, hex, and the printable ASCII (others as {@code .}). */
    public static String hexDump(Snapshot snapshot) {
        return hexDump(snapshot, List.of());
    }

    /**
     * The hex dump with the bytes in {@code hidden} (byte indexes into the snapshot, e.g. {@code Redactor} ranges of
     * the bytes read as ISO-8859-1) drawn as {@code ••} in the hex part and {@code •} in the ASCII part.
     */
    public static String hexDump(Snapshot snapshot, List<Redactor.Range> hidden) {
        byte[] data = snapshot.bytes();
        boolean[] masked = new boolean[data.length];
        for (var r : hidden) {
            Arrays.fill(masked, Math.max(0, r.start()), Math.min(data.length, r.end()), true);
        }
        StringBuilder out = new StringBuilder(data.length / 16 * 78 + 80);
        for (int row = 0; row < data.length; row += 16) {
            out.append(String.format(Locale.ROOT, "%08x  ", snapshot.offset() + row));
            StringBuilder ascii = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                if (row + i < data.length) {
                    int b = data[row + i] & 0xFF;
                    if (masked[row + i]) {
                        out.append("•• ");
                        ascii.append('•');
                    } else {
                        out.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16)).append(' ');
                        ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
                    }
                } else {
                    out.append("   ");
                }
                if (i == 7) {
                    out.append(' ');
                }
            }
            out.append(' ').append(ascii).append('\n');
        }
        return out.toString();
    }
}
