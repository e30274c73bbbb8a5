package io.iotworkbench.serial.flash;

/**
 * CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR (check value 0x29B1 for
 * "123456789"). The WM ROM uses it for its command frames and XMODEM-CRC uses the same polynomial with initial value
 * 0 ({@link #xmodem}).
 *
 * <p>Stateless; safe from any thread.
 */
public final class Crc16Ccitt {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private Crc16Ccitt() {
    }

    /** CRC-16/CCITT-FALSE of {@code length} bytes. */
    public static int compute(byte[] data, int offset, int length) {
        return update(0xFFFF, data, offset, length);
    }

    public static int compute(byte[] data) {
        return compute(data, 0, data.length);
    }

    /** CRC-16/XMODEM (same polynomial, initial value 0), the check of XMODEM-CRC blocks. */
    public static int xmodem(byte[] data, int offset, int length) {
        return update(0, data, offset, length);
    }

    private static int update(int crc, byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }
}
