package io.iotworkbench.serial.flash;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * Frames of the WM ROM's command protocol (wm-board.md §5): {@code 0x21}, length (u16 LE, = 2 + 4 + parameter bytes),
 * CRC-16/CCITT-FALSE (u16 LE) over command and parameters, command (u32 LE), parameters. Builds the frames the
 * downloader sends and decodes frames for the virtual ROM.
 *
 * <p>Stateless; safe from any thread.
 */
public final class RomCommand {

    public static final int START = 0x21;
    public static final int SET_BAUD_RATE = 0x31;
    public static final int ERASE_FLASH = 0x32;
    public static final int GET_MAC = 0x38;
    public static final int GET_FLASH_ID = 0x3C;
    public static final int REBOOT = 0x3F;
    public static final int MAX_BAUD_RATE = 2_000_000;
    public static final int HEADER_SIZE = 5;

    /** A decoded frame: the command number and its parameter bytes. */
    public record Frame(int command, byte[] parameters) {
    }

    private RomCommand() {
    }

    private static byte[] frame(int command, byte[] parameters) {
        ByteBuffer body = ByteBuffer.allocate(4 + parameters.length).order(ByteOrder.LITTLE_ENDIAN);
        body.putInt(command).put(parameters);
        byte[] b = body.array();
        ByteBuffer frame = ByteBuffer.allocate(HEADER_SIZE + b.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.put((byte) START).putShort((short) (2 + b.length)).putShort((short) Crc16Ccitt.compute(b)).put(b);
        return frame.array();
    }

    /** Set the ROM's baud rate (at most 2,000,000; the ROM answers {@code S} above). */
    public static byte[] setBaudRate(int baudRate) {
        return frame(SET_BAUD_RATE, le32(baudRate));
    }

    /** Erase {@code count} 4 KiB sectors from {@code firstSector}; setting the index's top bit erases 64 KiB blocks. */
    public static byte[] eraseSectors(int firstSector, int count) {
        ByteBuffer p = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        p.putShort((short) firstSector).putShort((short) count);
        return frame(ERASE_FLASH, p.array());
    }

    /** The SDK's erase of a 2 MiB flash: sectors 2..511, keeping the first 8 KiB ({@code flash.py -e}). */
    public static byte[] eraseTwoMegabytes() {
        return eraseSectors(2, 0x1FE);
    }

    public static byte[] reboot() {
        return frame(REBOOT, new byte[0]);
    }

    public static byte[] getMac() {
        return frame(GET_MAC, new byte[0]);
    }

    /**
     * Decodes a whole frame.
     *
     * @throws IllegalArgumentException naming what is wrong (start byte, length, CRC)
     */
    public static Frame decode(byte[] frame) {
        if (frame.length < HEADER_SIZE + 4 || (frame[0] & 0xFF) != START) {
            throw new IllegalArgumentException("not a ROM command frame");
        }
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        int length = b.getShort(1) & 0xFFFF;
        if (length != frame.length - 3) {
            throw new IllegalArgumentException("frame length field " + length + " does not match "
                    + (frame.length - 3) + " bytes");
        }
        int crc = b.getShort(3) & 0xFFFF;
        int computed = Crc16Ccitt.compute(frame, HEADER_SIZE, frame.length - HEADER_SIZE);
        if (crc != computed) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "frame CRC 0x%04X, computed 0x%04X", crc, computed));
        }
        return new Frame(b.getInt(HEADER_SIZE), Arrays.copyOfRange(frame, HEADER_SIZE + 4, frame.length));
    }

    /** The total frame size announced by the first three bytes of a frame. */
    public static int frameSize(int lengthLow, int lengthHigh) {
        return 3 + (lengthLow & 0xFF) + ((lengthHigh & 0xFF) << 8);
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }
}
