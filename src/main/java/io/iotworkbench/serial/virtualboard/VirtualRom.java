package io.iotworkbench.serial.virtualboard;

import io.iotworkbench.serial.flash.InvalidImageException;
import io.iotworkbench.serial.flash.RomCommand;
import io.iotworkbench.serial.flash.RomStatus;
import io.iotworkbench.serial.flash.WmImage;
import io.iotworkbench.serial.flash.XmodemReceiver;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The virtual board's ROM in download mode (wm-board.md §5): sends {@code C} at a steady pace while it waits, obeys
 * command frames (0x31 baud rate, 0x32 erase, 0x38 MAC, 0x3C flash ID, 0x3F reboot; a bad frame CRC answers
 * {@code R}, a rate above 2,000,000 {@code S}), and receives XMODEM-1K transfers. After each transfer it checks every
 * image in it (magic, header CRC, body CRC, completeness), answers an error letter ({@code L}, {@code M}, {@code P})
 * or keeps the images and resumes its {@code C}s; a transfer cancelled by the host answers {@code D}. A block that
 * stalls for a second is dropped and NAKed.
 *
 * <p>Threading: every method runs under the board's lock (reader thread or board timer).
 */
final class VirtualRom {

    private static final int MAX_DOWNLOAD = 4 * 1024 * 1024;
    private static final Duration STALL = Duration.ofSeconds(1);
    private static final Duration BAUD_SWITCH_DELAY = Duration.ofMillis(5);
    private static final Duration REBOOT_DELAY = Duration.ofMillis(10);
    private static final String FLASH_ID = "FID:C8,19\n";
    private static final int MAX_FRAME = 3 + 2 + 4 + 64;

    private final VirtualWmBoard board;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    private XmodemReceiver receiver;
    private ScheduledFuture<?> ticker;
    private int frameSize;
    private boolean inFrame;
    private boolean quiet;
    private long lastByte;

    VirtualRom(VirtualWmBoard board) {
        this.board = board;
    }

    void start() {
        ticker = board.every(board.options().romCInterval(), this::tick);
    }

    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    private void tick() {
        boolean stalled = System.nanoTime() - lastByte > STALL.toNanos();
        if (receiver != null && receiver.inBlock() && stalled) {
            reply(receiver.stalled());
            return;
        }
        if (inFrame && stalled) {
            inFrame = false;
            board.write(new byte[] {(byte) RomStatus.COMMAND_CHECK_ERROR.code()});
            return;
        }
        if (!quiet && receiver == null && !inFrame) {
            board.write(new byte[] {'C'});
        }
    }

    void accept(int b) {
        lastByte = System.nanoTime();
        if (receiver != null) {
            reply(receiver.accept(b));
            return;
        }
        if (inFrame) {
            frame.write(b);
            if (frame.size() == 3) {
                byte[] head = frame.toByteArray();
                frameSize = RomCommand.frameSize(head[1], head[2]);
                if (frameSize > MAX_FRAME || frameSize < RomCommand.HEADER_SIZE + 4) {
                    inFrame = false;
                    board.write(new byte[] {(byte) RomStatus.COMMAND_CHECK_ERROR.code()});
                    return;
                }
            }
            if (frame.size() >= 3 && frame.size() == frameSize) {
                inFrame = false;
                command(frame.toByteArray());
            }
            return;
        }
        if (b == RomCommand.START) {
            inFrame = true;
            frame.reset();
            frame.write(b);
        } else if (b == 0x01 || b == 0x02) {
            receiver = new XmodemReceiver(MAX_DOWNLOAD);
            reply(receiver.accept(b));
        }
    }

    private void reply(XmodemReceiver.Reply reply) {
        switch (reply) {
            case ACK -> board.write(new byte[] {0x06});
            case NAK -> board.write(new byte[] {0x15});
            case COMPLETE -> {
                board.write(new byte[] {0x06});
                byte[] data = receiver.data();
                receiver = null;
                check(data);
            }
            case CANCELLED -> {
                RomStatus status = switch (receiver.failure()) {
                    case OUT_OF_SEQUENCE -> RomStatus.BAD_PACKET_NUMBER;
                    case TOO_LARGE -> RomStatus.IMAGE_TOO_LARGE;
                    default -> RomStatus.HOST_CANCELLED;
                };
                receiver = null;
                board.write(new byte[] {(byte) status.code()});
            }
            case NONE -> {
                // more bytes of the block to come
            }
        }
    }

    /** Checks a finished download: every image in it must be whole and intact; trailing bytes are XMODEM padding. */
    private void check(byte[] data) {
        board.downloadReceived(data);
        List<WmImage> images = new ArrayList<>();
        int at = 0;
        while (at < data.length && !isPadding(data, at)) {
            try {
                WmImage image = WmImage.parse(data, at);
                images.add(image);
                at += image.length();
            } catch (InvalidImageException e) {
                board.write(new byte[] {(byte) status(e).code()});
                return;
            }
        }
        if (images.isEmpty()) {
            board.write(new byte[] {(byte) RomStatus.IMAGE_INCOMPLETE.code()});
            return;
        }
        images.forEach(board::imageAccepted);
    }

    private static boolean isPadding(byte[] data, int from) {
        if (data.length - from > 1024) {
            return false;
        }
        for (int i = from; i < data.length; i++) {
            int b = data[i] & 0xFF;
            if (b != 0x1A && b != 0x00 && b != 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static RomStatus status(InvalidImageException e) {
        return switch (e.reason()) {
            case HEADER_CRC -> RomStatus.HEADER_CRC_ERROR;
            case BODY_CRC -> RomStatus.CONTENT_CRC_ERROR;
            default -> RomStatus.IMAGE_INCOMPLETE;
        };
    }

    private void command(byte[] bytes) {
        RomCommand.Frame decoded;
        try {
            decoded = RomCommand.decode(bytes);
        } catch (IllegalArgumentException e) {
            board.write(new byte[] {(byte) RomStatus.COMMAND_CHECK_ERROR.code()});
            return;
        }
        ByteBuffer params = ByteBuffer.wrap(decoded.parameters()).order(ByteOrder.LITTLE_ENDIAN);
        switch (decoded.command()) {
            case RomCommand.SET_BAUD_RATE -> {
                int baud = params.remaining() >= 4 ? params.getInt() : 0;
                if (baud <= 0 || baud > RomCommand.MAX_BAUD_RATE) {
                    board.write(new byte[] {(byte) RomStatus.BAD_PARAMETER.code()});
                } else if (board.options().romAcceptsBaudSwitch()) {
                    board.later(BAUD_SWITCH_DELAY, () -> board.setChannelBaudRate(baud));
                }
            }
            case RomCommand.ERASE_FLASH -> {
                quiet = true;
                board.later(board.options().eraseTime(), () -> {
                    board.erased();
                    quiet = false;
                });
            }
            case RomCommand.GET_MAC -> board.print("Mac:" + board.options().mac().replace(":", "").toUpperCase(
                    java.util.Locale.ROOT) + "\n");
            case RomCommand.GET_FLASH_ID -> board.print(FLASH_ID);
            case RomCommand.REBOOT -> {
                quiet = true;
                board.later(REBOOT_DELAY, () -> board.boot(VirtualWmBoard.BOOT_POWER_ON));
            }
            default -> {
                // other commands (gain, BT MAC, last error) are not simulated
            }
        }
    }
}
