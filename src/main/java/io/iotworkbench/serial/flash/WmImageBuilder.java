package io.iotworkbench.serial.flash;

import java.util.Arrays;

/**
 * Builds a WM {@code .img} the way the SDK's {@code bin2img.py} does: pads the body to a multiple of 4 with 0xFF and
 * computes both checksums. Used to generate images for the virtual board and for tests. Defaults describe an
 * application at the default layout's app slot (header at 0x0800F000, code at header + 0x400).
 *
 * <p>Not thread-safe; build on one thread.
 */
public final class WmImageBuilder {

    private int imageType = WmImageHeader.TYPE_APPLICATION;
    private int compressType = WmImageHeader.COMPRESS_NONE;
    private long headerAddress = 0x0800_F000L;
    private long runAddress = 0x0800_F400L;
    private long upgradeAddress = 0x0801_0000L;
    private long updateNumber;
    private String version = "0.0.0";
    private long bootloaderFlags;
    private long nextHeaderAddress;
    private byte[] body = new byte[0];

    public WmImageBuilder imageType(int type) {
        this.imageType = type;
        return this;
    }

    public WmImageBuilder compressType(int type) {
        this.compressType = type;
        return this;
    }

    /** Sets the header address and the run address right after the 0x400-byte header slot. */
    public WmImageBuilder headerAddress(long address) {
        this.headerAddress = address;
        this.runAddress = address + 0x400;
        return this;
    }

    public WmImageBuilder runAddress(long address) {
        this.runAddress = address;
        return this;
    }

    public WmImageBuilder upgradeAddress(long address) {
        this.upgradeAddress = address;
        return this;
    }

    public WmImageBuilder updateNumber(long number) {
        this.updateNumber = number;
        return this;
    }

    public WmImageBuilder version(String v) {
        this.version = v;
        return this;
    }

    public WmImageBuilder bootloaderFlags(long flags) {
        this.bootloaderFlags = flags;
        return this;
    }

    public WmImageBuilder nextHeaderAddress(long address) {
        this.nextHeaderAddress = address;
        return this;
    }

    public WmImageBuilder body(byte[] bytes) {
        this.body = bytes.clone();
        return this;
    }

    /** The image's bytes: header, then the body padded to a multiple of 4 with 0xFF. */
    public byte[] build() {
        int padded = (body.length + 3) & ~3;
        byte[] paddedBody = Arrays.copyOf(body, padded);
        Arrays.fill(paddedBody, body.length, padded, (byte) 0xFF);
        WmImageHeader header = new WmImageHeader(WmImageHeader.MAGIC, imageType, compressType, runAddress, padded,
                headerAddress, upgradeAddress, WmCrc32.compute(paddedBody, 0, padded), updateNumber, version,
                bootloaderFlags, 0, nextHeaderAddress, 0);
        byte[] image = Arrays.copyOf(header.toBytes(), WmImageHeader.SIZE + padded);
        System.arraycopy(paddedBody, 0, image, WmImageHeader.SIZE, padded);
        return image;
    }
}
