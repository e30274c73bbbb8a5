package io.iotworkbench.serial.flash;

import java.util.zip.CRC32;

/**
 * The checksum of WM image headers and bodies: standard CRC-32 (zlib) without its final inversion, i.e.
 * {@code crc32(bytes) ^ 0xFFFFFFFF} as the SDK's {@code bin2img.py} computes it (wm-board.md §5).
 *
 * <p>Stateless; safe from any thread.
 */
public final class WmCrc32 {

    private WmCrc32() {
    }

    /** The checksum as an unsigned 32-bit value. */
    public static long compute(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return crc.getValue() ^ 0xFFFF_FFFFL;
    }
}
