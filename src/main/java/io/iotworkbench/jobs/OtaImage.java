package io.iotworkbench.jobs;

import io.iotworkbench.serial.flash.FirmwareFile;
import io.iotworkbench.serial.flash.InvalidImageException;
import io.iotworkbench.serial.flash.WmImage;
import io.iotworkbench.serial.flash.WmImageHeader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A firmware file chosen for an OTA update, checked before anything happens with the WM image parser (magic, header
 * CRC, body length and CRC of every image) and summarised in one line; a bad file is one sentence in the user's terms
 * ({@link OtaImage.Problem}).
 *
 * <p>Immutable (the bytes are copied out); safe from any thread.
 */
public final class OtaImage {

    /** A file that cannot be sent as an OTA image; the message is one sentence for the user. */
    public static final class Problem extends Exception {
        public Problem(String message) {
            super(message);
        }
    }

    private final FirmwareFile file;

    private OtaImage(FirmwareFile file) {
        this.file = file;
    }

    /** Reads and checks {@code path} ({@code .img} or {@code .fls}). */
    public static OtaImage check(Path path) throws Problem {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".img") && !lower.endsWith(".fls")) {
            throw new Problem(name + " is not a WM firmware file: choose an .img or .fls file.");
        }
        try {
            return new OtaImage(FirmwareFile.read(path));
        } catch (NoSuchFileException e) {
            throw new Problem(name + " does not exist.");
        } catch (IOException e) {
            throw new Problem(name + " could not be read (" + e.getMessage() + ").");
        } catch (InvalidImageException e) {
            throw new Problem(sentence(name, e.reason()));
        }
    }

    /** Checks bytes already in memory (tests, drag and drop). */
    public static OtaImage check(String name, byte[] data) throws Problem {
        FirmwareFile.Kind kind = name.toLowerCase(Locale.ROOT).endsWith(".fls") ? FirmwareFile.Kind.FLS
                : FirmwareFile.Kind.IMG;
        try {
            return new OtaImage(FirmwareFile.parse(name, kind, data));
        } catch (InvalidImageException e) {
            throw new Problem(sentence(name, e.reason()));
        }
    }

    static String sentence(String name, InvalidImageException.Reason reason) {
        return switch (reason) {
            case EMPTY -> name + " is empty.";
            case BAD_MAGIC -> name + " is not a WM firmware image (it does not start with the WM image magic).";
            case HEADER_CRC -> name + " is damaged: its image header does not match its checksum.";
            case BODY_CRC -> name + " is damaged: the firmware does not match the checksum in its header.";
            case TRUNCATED -> name + " is cut short: it holds fewer bytes than its header announces.";
            case TRAILING_BYTES -> name + " has unexpected bytes after the image (an .img holds one image).";
        };
    }

    public String fileName() {
        return file.name();
    }

    /** A copy of the whole file, as uploaded. */
    public byte[] bytes() {
        return file.bytes();
    }

    public long size() {
        return file.length();
    }

    /** The version of the application image (the first image when none is an application). */
    public String version() {
        return main().header().version();
    }

    public List<String> warnings() {
        return file.warnings();
    }

    /** One line, e.g. {@code app.img: 1 image, application 2.1.0, 40000 bytes at 0x080D0000, compression none; …}. */
    public String summary() {
        WmImage main = main();
        int n = file.images().size();
        return String.format(Locale.ROOT, "%s: %d image%s, %s; %d bytes in all; header and body CRC OK%s", fileName(),
                n, n == 1 ? "" : "s", main.header().summary(), size(), main.isSigned() ? "; WM-signed" : "");
    }

    private WmImage main() {
        return file.images().stream().filter(i -> i.header().imageType() == WmImageHeader.TYPE_APPLICATION)
                .findFirst().orElse(file.images().get(0));
    }

    /** Whether {@code path} looks like a file this class accepts (by name, before reading). */
    public static boolean acceptsName(Path path) {
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return (lower.endsWith(".img") || lower.endsWith(".fls")) && Files.isRegularFile(path);
    }
}
