package io.iotworkbench.serial.flash;

import java.util.Arrays;
import java.util.Locale;

/**
 * One checked WM image: its header and all its bytes (header, body and the optional 128-byte signature).
 *
 * <p>Immutable (the byte array is never handed out); safe from any thread.
 */
public final class WmImage {

    public static final int SIGNATURE_SIZE = 128;

    private final WmImageHeader header;
    private final byte[] bytes;
    private final boolean signed;

    private WmImage(WmImageHeader header, byte[] bytes, boolean signed) {
        this.header = header;
        this.bytes = bytes;
        this.signed = signed;
    }

    /**
     * Reads and checks the image starting at {@code offset}: header (magic, header CRC), body length against the bytes
     * present, and body CRC. A signature is assumed when exactly 128 bytes follow the body, or 128 bytes and then the
     * next image's magic.
     */
    public static WmImage parse(byte[] data, int offset) throws InvalidImageException {
        WmImageHeader header = WmImageHeader.parse(data, offset);
        long bodyStart = offset + (long) WmImageHeader.SIZE;
        long present = data.length - bodyStart;
        if (header.bodyLength() > present) {
            throw new InvalidImageException(InvalidImageException.Reason.TRUNCATED, String.format(Locale.ROOT,
                    "Truncated image at offset %d: the header announces a %d-byte body, only %d bytes follow",
                    offset, header.bodyLength(), present));
        }
        long crc = WmCrc32.compute(data, (int) bodyStart, (int) header.bodyLength());
        if (crc != header.bodyCrc()) {
            throw new InvalidImageException(InvalidImageException.Reason.BODY_CRC, String.format(Locale.ROOT,
                    "Damaged image body at offset %d: body CRC is 0x%08X in the header, the body gives 0x%08X",
                    offset, header.bodyCrc(), crc));
        }
        int end = (int) (bodyStart + header.bodyLength());
        int rest = data.length - end;
        boolean signed = rest == SIGNATURE_SIZE
                || rest > SIGNATURE_SIZE + 4 && !magicAt(data, end) && magicAt(data, end + SIGNATURE_SIZE);
        int length = end - offset + (signed ? SIGNATURE_SIZE : 0);
        return new WmImage(header, Arrays.copyOfRange(data, offset, offset + length), signed);
    }

    static boolean magicAt(byte[] data, int at) {
        return at + 4 <= data.length && (data[at] & 0xFF) == 0x9F && (data[at + 1] & 0xFF) == 0xFF
                && (data[at + 2] & 0xFF) == 0xFF && (data[at + 3] & 0xFF) == 0xA0;
    }

    public WmImageHeader header() {
        return header;
    }

    /** A copy of the image's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isSigned() {
        return signed;
    }
}
