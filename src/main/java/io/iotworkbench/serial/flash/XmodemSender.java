package io.iotworkbench.serial.flash;

import io.iotworkbench.serial.SerialChannel;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Sends one file with XMODEM-1K (CRC mode), as the WM ROM expects: waits for the receiver's {@code C}; sends 1024-byte
 * {@code STX} blocks ({@code STX n 255-n data CRC-hi CRC-lo}), and a 128-byte {@code SOH} block when no more than 128
 * bytes remain; pads the last block; resends a block on NAK or when no answer comes within the ACK timeout, up to
 * {@code maxRetries} times; ends with {@code EOT} until ACKed. Cancelling sends CAN three times.
 * While waiting for an ACK it skips stray {@code C}s and remembers ROM status letters to explain a failure. Answers
 * are read one byte at a time, so whatever the receiver sends after the last ACK (the ROM's verdict) stays unread.
 *
 * <p>Not thread-safe: runs on the caller's thread, which owns the channel meanwhile.
 */
public final class XmodemSender {

    /**
     * Timing and padding. {@link #DEFAULT}: 10 s for the first {@code C}, 1 s per ACK (the SDK tool's transfer
     * timeout), 10 retries per block, padding 0x1A (the XMODEM convention and the SDK tool's library default).
     */
    public record Options(Duration startTimeout, Duration ackTimeout, int maxRetries, byte padding) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(10), Duration.ofSeconds(1), 10,
                (byte) 0x1A);
    }

    /** What a transfer took: blocks sent once each, and blocks sent again. */
    public record Result(int blocks, int retransmissions) {
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final SerialChannel channel;
    private final Options options;
    private final byte[] in = new byte[1];
    private int lastStatus = -1;

    public XmodemSender(SerialChannel channel, Options options) {
        this.channel = channel;
        this.options = options;
    }

    /**
     * Sends {@code data}; {@code progress} receives the bytes acknowledged so far (of {@code data.length}).
     *
     * @throws FlashCancelledException when {@code cancelled} turned true (the receiver was sent CAN)
     * @throws FlashException          when the receiver cancelled, never started, or a block was not acknowledged
     */
    public Result send(byte[] data, LongConsumer progress, BooleanSupplier cancelled) throws IOException {
        awaitStart(cancelled);
        int blockNumber = 1;
        int blocks = 0;
        int retransmissions = 0;
        int offset = 0;
        while (offset < data.length) {
            int remaining = data.length - offset;
            int size = remaining <= Xmodem.SHORT_BLOCK ? Xmodem.SHORT_BLOCK : Xmodem.LONG_BLOCK;
            byte[] block = block(blockNumber, data, offset, size);
            retransmissions += sendBlock(block, blockNumber, cancelled);
            blocks++;
            offset += Math.min(size, remaining);
            progress.accept(offset);
            blockNumber = (blockNumber + 1) & 0xFF;
        }
        finish(cancelled);
        return new Result(blocks, retransmissions);
    }

    private void awaitStart(BooleanSupplier cancelled) throws IOException {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        int cans = 0;
        while (System.nanoTime() < deadline) {
            checkCancelled(cancelled);
            int n = read(POLL);
            for (int i = 0; i < n; i++) {
                int b = in[i] & 0xFF;
                if (b == Xmodem.CRC_MODE) {
                    return;
                }
                cans = b == Xmodem.CAN ? cans + 1 : 0;
                if (cans >= 2) {
                    throw new FlashException("The receiver cancelled before the transfer started");
                }
                remember(b);
            }
        }
        throw new FlashException("The receiver never asked for the transfer (no 'C' within "
                + options.startTimeout().toSeconds() + " s)" + statusNote());
    }

    private byte[] block(int number, byte[] data, int offset, int size) {
        byte[] block = new byte[3 + size + 2];
        block[0] = (byte) (size == Xmodem.LONG_BLOCK ? Xmodem.STX : Xmodem.SOH);
        block[1] = (byte) number;
        block[2] = (byte) (255 - number);
        int n = Math.min(size, data.length - offset);
        System.arraycopy(data, offset, block, 3, n);
        Arrays.fill(block, 3 + n, 3 + size, options.padding());
        int crc = Crc16Ccitt.xmodem(block, 3, size);
        block[3 + size] = (byte) (crc >>> 8);
        block[4 + size] = (byte) crc;
        return block;
    }

    /** Sends one block until ACKed; returns how many times it had to be sent again. */
    private int sendBlock(byte[] block, int number, BooleanSupplier cancelled) throws IOException {
        for (int attempt = 0; attempt <= options.maxRetries(); attempt++) {
            checkCancelled(cancelled);
            channel.write(block);
            int answer = awaitAnswer(cancelled);
            if (answer == Xmodem.ACK) {
                return attempt;
            }
            if (answer == Xmodem.CAN) {
                throw new FlashException("The receiver cancelled at block " + number + statusNote());
            }
        }
        cancel();
        throw new FlashException(String.format(Locale.ROOT,
                "Block %d was not acknowledged after %d attempts%s", number, options.maxRetries() + 1, statusNote()));
    }

    private void finish(BooleanSupplier cancelled) throws IOException {
        for (int attempt = 0; attempt <= options.maxRetries(); attempt++) {
            checkCancelled(cancelled);
            channel.write(new byte[] {Xmodem.EOT});
            int answer = awaitAnswer(cancelled);
            if (answer == Xmodem.ACK) {
                return;
            }
            if (answer == Xmodem.CAN) {
                throw new FlashException("The receiver cancelled at the end of the transfer" + statusNote());
            }
        }
        throw new FlashException("The end of the transfer (EOT) was not acknowledged" + statusNote());
    }

    /** Waits for ACK, NAK or CAN; returns it, or -1 when the ACK timeout passed. */
    private int awaitAnswer(BooleanSupplier cancelled) throws IOException {
        long deadline = System.nanoTime() + options.ackTimeout().toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            checkCancelled(cancelled);
            int n = read(Duration.ofNanos(Math.min(left, POLL.toNanos())));
            for (int i = 0; i < n; i++) {
                int b = in[i] & 0xFF;
                if (b == Xmodem.ACK || b == Xmodem.NAK || b == Xmodem.CAN) {
                    return b;
                }
                remember(b);
            }
        }
        return -1;
    }

    private int read(Duration timeout) throws IOException {
        int n = channel.read(in, 0, in.length, timeout);
        if (n < 0) {
            throw new FlashException(channel.name() + " closed during the transfer");
        }
        return n;
    }

    private void remember(int b) {
        if (b != Xmodem.CRC_MODE && RomStatus.of(b).isPresent()) {
            lastStatus = b;
        }
    }

    private String statusNote() {
        return lastStatus < 0 ? "" : "; the ROM said " + RomStatus.of(lastStatus).orElseThrow().describe();
    }

    private void checkCancelled(BooleanSupplier cancelled) throws IOException {
        if (cancelled.getAsBoolean()) {
            cancel();
            throw new FlashCancelledException("Flash cancelled");
        }
    }

    private void cancel() throws IOException {
        channel.write(new byte[] {Xmodem.CAN, Xmodem.CAN, Xmodem.CAN});
    }
}
