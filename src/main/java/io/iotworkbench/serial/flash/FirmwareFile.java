package io.iotworkbench.serial.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A firmware file checked before anything is sent: an {@code .img} (one image) or an {@code .fls} (WM images
 * concatenated, in any order; the ROM places each by its header). Every image's magic, header CRC, length and body CRC
 * are verified; stray bytes between or after images are refused. Files the ROM accepts but that are probably a mistake
 * to flash over serial (an XZ-compressed OTA image) get a warning.
 *
 * <p>Immutable; safe from any thread.
 */
public final class FirmwareFile {

    /** The file formats the ROM download accepts. */
    public enum Kind { IMG, FLS }

    private final String name;
    private final Kind kind;
    private final byte[] bytes;
    private final List<WmImage> images;
    private final List<String> warnings;

    private FirmwareFile(String name, Kind kind, byte[] bytes, List<WmImage> images, List<String> warnings) {
        this.name = name;
        this.kind = kind;
        this.bytes = bytes;
        this.images = List.copyOf(images);
        this.warnings = List.copyOf(warnings);
    }

    /** Reads and checks a file; {@code .fls} by its extension, anything else as {@code .img}. */
    public static FirmwareFile read(Path path) throws IOException, InvalidImageException {
        String fileName = path.getFileName().toString();
        Kind kind = fileName.toLowerCase(Locale.ROOT).endsWith(".fls") ? Kind.FLS : Kind.IMG;
        return parse(fileName, kind, Files.readAllBytes(path));
    }

    public static FirmwareFile parse(String name, Kind kind, byte[] data) throws InvalidImageException {
        byte[] bytes = data.clone();
        List<WmImage> images = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            WmImage image;
            try {
                image = WmImage.parse(bytes, at);
            } catch (InvalidImageException e) {
                throw new InvalidImageException(e.reason(), name + ": " + e.getMessage());
            }
            images.add(image);
            at += image.length();
            if (kind == Kind.IMG && at < bytes.length) {
                throw new InvalidImageException(InvalidImageException.Reason.TRAILING_BYTES, String.format(Locale.ROOT,
                        "%s: %d unexpected bytes after the image (an .img holds one image; use .fls for several)",
                        name, bytes.length - at));
            }
        }
        if (images.isEmpty()) {
            throw new InvalidImageException(InvalidImageException.Reason.EMPTY, name + ": the file is empty");
        }
        List<String> warnings = new ArrayList<>();
        for (WmImage image : images) {
            if (image.header().compressType() == WmImageHeader.COMPRESS_XZ) {
                warnings.add(image.header().summary()
                        + ": an XZ-compressed OTA image, meant for an OTA update rather than a serial download");
            }
        }
        return new FirmwareFile(name, kind, bytes, images, warnings);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** A copy of the whole file, as sent in one XMODEM session. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public List<WmImage> images() {
        return images;
    }

    public List<String> warnings() {
        return warnings;
    }
}
