package io.iotworkbench.serial.flash;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The 64-byte little-endian header in front of every WM {@code .img} (wm-board.md §5, {@code bin2img.py}):
 * <pre>
 *  0 magic 0xA0FFFF9F   4 img_type u16   6 compress_type u16   8 run address   12 body length
 * 16 header address    20 upgrade address   24 body CRC   28 upd_no   32 version[16] (NUL-padded)
 * 48 bootloader flags  52 reserved   56 next header address   60 header CRC over bytes 0..59
 * </pre>
 * Unsigned 32-bit fields are held in {@code long}s.
 *
 * <p>Immutable; safe from any thread.
 */
public record WmImageHeader(long magic, int imageType, int compressType, long runAddress, long bodyLength,
                            long headerAddress, long upgradeAddress, long bodyCrc, long updateNumber, String version,
                            long bootloaderFlags, long reserved, long nextHeaderAddress, long headerCrc) {

    public static final int SIZE = 64;
    public static final long MAGIC = 0xA0FFFF9FL;
    public static final int CHECKED_BYTES = 60;

    public static final int TYPE_BOOTLOADER = 0;
    public static final int TYPE_APPLICATION = 1;
    public static final int TYPE_PARTITION_TABLE = 2;
    public static final int TYPE_FACTORY_TEST = 0xE;
    public static final int COMPRESS_NONE = 0;
    public static final int COMPRESS_GZIP = 1;
    public static final int COMPRESS_XZ = 16;

    /**
     * Reads and checks a header at {@code offset}: enough bytes, the magic number and the header CRC.
     *
     * @throws InvalidImageException with the offset and the expected and found values
     */
    public static WmImageHeader parse(byte[] data, int offset) throws InvalidImageException {
        int available = data.length - offset;
        if (available < SIZE) {
            throw new InvalidImageException(InvalidImageException.Reason.TRUNCATED, String.format(Locale.ROOT,
                    "Truncated image at offset %d: %d bytes left, a WM image header needs %d", offset,
                    Math.max(0, available), SIZE));
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
        long magic = u32(b, 0);
        if (magic != MAGIC) {
            throw new InvalidImageException(InvalidImageException.Reason.BAD_MAGIC, String.format(Locale.ROOT,
                    "Not a WM image at offset %d: magic 0x%08X, expected 0x%08X", offset, magic, MAGIC));
        }
        long storedCrc = u32(b, 60);
        long computed = WmCrc32.compute(data, offset, CHECKED_BYTES);
        if (storedCrc != computed) {
            throw new InvalidImageException(InvalidImageException.Reason.HEADER_CRC, String.format(Locale.ROOT,
                    "Damaged WM image header at offset %d: header CRC is 0x%08X, the header's bytes give 0x%08X",
                    offset, storedCrc, computed));
        }
        int end = 32;
        while (end < 48 && data[offset + end] != 0) {
            end++;
        }
        String version = new String(data, offset + 32, end - 32, StandardCharsets.UTF_8);
        return new WmImageHeader(magic, b.getShort(4) & 0xFFFF, b.getShort(6) & 0xFFFF, u32(b, 8), u32(b, 12),
                u32(b, 16), u32(b, 20), u32(b, 24), u32(b, 28), version, u32(b, 48), u32(b, 52), u32(b, 56),
                storedCrc);
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xFFFF_FFFFL;
    }

    /** The 64 header bytes, with the header CRC recomputed over the first 60. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, (int) magic);
        b.putShort(4, (short) imageType);
        b.putShort(6, (short) compressType);
        b.putInt(8, (int) runAddress);
        b.putInt(12, (int) bodyLength);
        b.putInt(16, (int) headerAddress);
        b.putInt(20, (int) upgradeAddress);
        b.putInt(24, (int) bodyCrc);
        b.putInt(28, (int) updateNumber);
        byte[] v = version.getBytes(StandardCharsets.UTF_8);
        if (v.length > 16) {
            throw new IllegalArgumentException("version string longer than 16 bytes: " + version);
        }
        b.position(32);
        b.put(v);
        b.putInt(48, (int) bootloaderFlags);
        b.putInt(52, (int) reserved);
        b.putInt(56, (int) nextHeaderAddress);
        byte[] bytes = b.array();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(60, (int) WmCrc32.compute(bytes, 0, 60));
        return bytes;
    }

    public String imageTypeName() {
        return switch (imageType) {
            case TYPE_BOOTLOADER -> "bootloader";
            case TYPE_APPLICATION -> "application";
            case TYPE_PARTITION_TABLE -> "partition table";
            case TYPE_FACTORY_TEST -> "factory test";
            default -> "type " + imageType;
        };
    }

    public String compressTypeName() {
        return switch (compressType) {
            case COMPRESS_NONE -> "none";
            case COMPRESS_GZIP -> "gzip";
            case COMPRESS_XZ -> "XZ";
            default -> "compression " + compressType;
        };
    }

    /** E.g. {@code application 2.2-beta.2, 624040 bytes at 0x0800F400, XZ}. */
    public String summary() {
        return String.format(Locale.ROOT, "%s %s, %d bytes at 0x%08X, compression %s", imageTypeName(),
                version.isEmpty() ? "(no version)" : version, bodyLength, runAddress, compressTypeName());
    }
}
