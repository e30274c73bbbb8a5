package io.iotworkbench.serial.flash;

import java.io.ByteArrayOutputStream;

/**
 * The receiving side of XMODEM-CRC and XMODEM-1K, fed one byte at a time (the virtual board's ROM pushes what it
 * reads). It checks each block's number, its complement and its CRC, answers ACK or NAK, acknowledges a repeated block
 * without keeping it twice, accepts EOT and cancels on two CANs from the sender, on a block out of sequence, or when
 * the data would exceed its size bound. Noise between blocks (ESC, stray characters) is ignored.
 *
 * <p>Not thread-safe: one feeding thread.
 */
public final class XmodemReceiver {

    /** What to answer after a byte. */
    public enum Reply {
        /** Nothing yet. */
        NONE,
        /** A good block: send ACK. */
        ACK,
        /** A damaged block, or a stalled one: send NAK. */
        NAK,
        /** EOT: send ACK; the transfer is complete. */
        COMPLETE,
        /** The transfer is over without a file: cancelled by the sender, out of sequence, or too large. */
        CANCELLED
    }

    /** Why a transfer was cancelled. */
    public enum Failure { NONE, SENDER_CANCELLED, OUT_OF_SEQUENCE, TOO_LARGE }

    private final int maxBytes;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final byte[] frame = new byte[3 + Xmodem.LONG_BLOCK + 2];
    private int frameLength;
    private int position;
    private int expectedBlock = 1;
    private int blocks;
    private int naks;
    private boolean lastWasCan;
    private Failure failure = Failure.NONE;

    public XmodemReceiver(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Reply accept(int b) {
        if (position == 0) {
            return between(b & 0xFF);
        }
        frame[position++] = (byte) b;
        return position == frameLength ? evaluate() : Reply.NONE;
    }

    private Reply between(int b) {
        boolean can = b == Xmodem.CAN;
        boolean secondCan = can && lastWasCan;
        lastWasCan = can;
        switch (b) {
            case Xmodem.SOH, Xmodem.STX -> {
                frameLength = 3 + (b == Xmodem.STX ? Xmodem.LONG_BLOCK : Xmodem.SHORT_BLOCK) + 2;
                frame[0] = (byte) b;
                position = 1;
                return Reply.NONE;
            }
            case Xmodem.EOT -> {
                return Reply.COMPLETE;
            }
            case Xmodem.CAN -> {
                if (secondCan) {
                    failure = Failure.SENDER_CANCELLED;
                    return Reply.CANCELLED;
                }
                return Reply.NONE;
            }
            default -> {
                return Reply.NONE;
            }
        }
    }

    private Reply evaluate() {
        position = 0;
        int number = frame[1] & 0xFF;
        int complement = frame[2] & 0xFF;
        int size = frameLength - 5;
        int crc = ((frame[3 + size] & 0xFF) << 8) | (frame[4 + size] & 0xFF);
        if (number + complement != 0xFF || crc != Crc16Ccitt.xmodem(frame, 3, size)) {
            naks++;
            return Reply.NAK;
        }
        if (number == ((expectedBlock - 1) & 0xFF)) {
            return Reply.ACK;
        }
        if (number != (expectedBlock & 0xFF)) {
            failure = Failure.OUT_OF_SEQUENCE;
            return Reply.CANCELLED;
        }
        if (data.size() + size > maxBytes) {
            failure = Failure.TOO_LARGE;
            return Reply.CANCELLED;
        }
        data.write(frame, 3, size);
        expectedBlock++;
        blocks++;
        return Reply.ACK;
    }

    /** The sender went quiet in the middle of a block: drop what came of it and ask for it again. */
    public Reply stalled() {
        if (position == 0) {
            return Reply.NONE;
        }
        position = 0;
        naks++;
        return Reply.NAK;
    }

    /** True while part of a block has arrived. */
    public boolean inBlock() {
        return position > 0;
    }

    /** The data of the accepted blocks, padding included. */
    public byte[] data() {
        return data.toByteArray();
    }

    public int blocks() {
        return blocks;
    }

    public int naks() {
        return naks;
    }

    public Failure failure() {
        return failure;
    }
}
