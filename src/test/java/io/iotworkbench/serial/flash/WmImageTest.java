package io.iotworkbench.serial.flash;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WmImageTest {

    private static final Path REAL_IMAGE = Path.of(System.getProperty("iotworkbench.project.dir", "."))
            .resolve("../shared/data/wm-sdk/atcmd_ota.img").normalize();

    private static byte[] realImage() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(REAL_IMAGE),
                "skipped: the real WM image " + REAL_IMAGE + " is not here (see ../shared/data/README.md)");
        return Files.readAllBytes(REAL_IMAGE);
    }

    @Test
    void readsEveryDocumentedFieldOfTheSdksAtcmdOtaImage() throws Exception {
        realImage();
        FirmwareFile file = FirmwareFile.read(REAL_IMAGE);

        assertThat(file.kind()).isEqualTo(FirmwareFile.Kind.IMG);
        assertThat(file.length()).isEqualTo(624_104);
        assertThat(file.images()).hasSize(1);
        WmImage image = file.images().get(0);
        WmImageHeader h = image.header();
        assertThat(h.magic()).isEqualTo(0xA0FFFF9FL);
        assertThat(h.imageType()).isEqualTo(1);
        assertThat(h.imageTypeName()).isEqualTo("application");
        assertThat(h.compressType()).isEqualTo(16);
        assertThat(h.compressTypeName()).isEqualTo("XZ");
        assertThat(h.runAddress()).isEqualTo(0x0800F400L);
        assertThat(h.bodyLength()).isEqualTo(624_040);
        assertThat(h.headerAddress()).isEqualTo(0x0800F000L);
        assertThat(h.upgradeAddress()).isEqualTo(0x08131000L);
        assertThat(h.bodyCrc()).isEqualTo(0xF5AB90CEL);
        assertThat(h.updateNumber()).isZero();
        assertThat(h.version()).isEqualTo("2.2-beta.2");
        assertThat(h.headerCrc()).isEqualTo(0x4B4485BEL);
        assertThat(image.isSigned()).isFalse();
        assertThat(image.length()).isEqualTo(624_104);
        assertThat(file.warnings()).singleElement().asString().contains("XZ-compressed OTA image");
        assertThat(h.summary()).isEqualTo("application 2.2-beta.2, 624040 bytes at 0x0800F400, compression XZ");
    }

    @Test
    void theHeaderWrittenBackIsByteForByteTheOriginal() throws Exception {
        byte[] data = realImage();
        WmImageHeader header = WmImageHeader.parse(data, 0);

        assertThat(header.toBytes()).isEqualTo(Arrays.copyOf(data, 64));
        assertThat(WmCrc32.compute(data, 0, 60)).isEqualTo(0x4B4485BEL);
    }

    @Test
    void refusesABadMagicNumber() throws Exception {
        byte[] data = realImage();
        data[0] = 0x00;

        assertThatThrownBy(() -> FirmwareFile.parse("bad.img", FirmwareFile.Kind.IMG, data))
                .isInstanceOf(InvalidImageException.class)
                .hasMessage("bad.img: Not a WM image at offset 0: magic 0xA0FFFF00, expected 0xA0FFFF9F")
                .extracting(e -> ((InvalidImageException) e).reason())
                .isEqualTo(InvalidImageException.Reason.BAD_MAGIC);
    }

    @Test
    void refusesADamagedHeader() throws Exception {
        byte[] data = realImage();
        data[40] ^= 0x01;

        assertThatThrownBy(() -> FirmwareFile.parse("bad.img", FirmwareFile.Kind.IMG, data))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageStartingWith("bad.img: Damaged WM image header at offset 0: header CRC is 0x4B4485BE, "
                        + "the header's bytes give 0x")
                .extracting(e -> ((InvalidImageException) e).reason())
                .isEqualTo(InvalidImageException.Reason.HEADER_CRC);
    }

    @Test
    void refusesADamagedBody() throws Exception {
        byte[] data = realImage();
        data[100_000] ^= 0x40;

        assertThatThrownBy(() -> FirmwareFile.parse("bad.img", FirmwareFile.Kind.IMG, data))
                .hasMessageStartingWith("bad.img: Damaged image body at offset 0: body CRC is 0xF5AB90CE in the "
                        + "header, the body gives 0x");
    }

    @Test
    void refusesATruncatedImage() throws Exception {
        byte[] data = realImage();

        assertThatThrownBy(() -> FirmwareFile.parse("cut.img", FirmwareFile.Kind.IMG, Arrays.copyOf(data, 1000)))
                .hasMessage("cut.img: Truncated image at offset 0: the header announces a 624040-byte body, "
                        + "only 936 bytes follow");
        assertThatThrownBy(() -> FirmwareFile.parse("tiny.img", FirmwareFile.Kind.IMG, Arrays.copyOf(data, 20)))
                .hasMessage("tiny.img: Truncated image at offset 0: 20 bytes left, a WM image header needs 64");
        assertThatThrownBy(() -> FirmwareFile.parse("empty.img", FirmwareFile.Kind.IMG, new byte[0]))
                .hasMessage("empty.img: the file is empty");
    }

    @Test
    void refusesStrayBytesAfterAnImg() throws Exception {
        byte[] data = Arrays.copyOf(realImage(), 624_104 + 10);

        assertThatThrownBy(() -> FirmwareFile.parse("long.img", FirmwareFile.Kind.IMG, data))
                .hasMessageContaining("10 unexpected bytes after the image");
    }

    @Test
    void buildsImagesTheWaySdkBin2imgDoes() throws Exception {
        byte[] body = new byte[1001];
        new Random(7).nextBytes(body);
        byte[] image = new WmImageBuilder().version("1.2.3").updateNumber(5).body(body).build();

        assertThat(image).hasSize(64 + 1004);
        assertThat(Arrays.copyOfRange(image, 64 + 1001, 64 + 1004)).containsOnly((byte) 0xFF);
        WmImage parsed = WmImage.parse(image, 0);
        assertThat(parsed.header().version()).isEqualTo("1.2.3");
        assertThat(parsed.header().updateNumber()).isEqualTo(5);
        assertThat(parsed.header().bodyLength()).isEqualTo(1004);
        assertThat(parsed.header().runAddress()).isEqualTo(0x0800F400L);
        assertThat(parsed.bytes()).isEqualTo(image);
    }

    @Test
    void readsAnFlsOfSeveralImagesIncludingASignedOne(@TempDir Path dir) throws Exception {
        byte[] bootloader = new WmImageBuilder().imageType(WmImageHeader.TYPE_BOOTLOADER).headerAddress(0x08002000L)
                .version("boot").body(new byte[300]).build();
        byte[] app = new WmImageBuilder().version("app").body(new byte[5000]).build();
        byte[] signature = new byte[WmImage.SIGNATURE_SIZE];
        Arrays.fill(signature, (byte) 0x5A);
        byte[] table = new WmImageBuilder().imageType(WmImageHeader.TYPE_PARTITION_TABLE).headerAddress(0x0800E000L)
                .version("pt").body(new byte[64]).build();
        byte[] fls = concat(bootloader, app, signature, table);
        Path path = dir.resolve("project.fls");
        Files.write(path, fls);

        FirmwareFile file = FirmwareFile.read(path);

        assertThat(file.kind()).isEqualTo(FirmwareFile.Kind.FLS);
        assertThat(file.images()).extracting(i -> i.header().version()).containsExactly("boot", "app", "pt");
        assertThat(file.images()).extracting(WmImage::isSigned).containsExactly(false, true, false);
        assertThat(file.images().get(1).length()).isEqualTo(app.length + 128);
        assertThat(file.bytes()).isEqualTo(fls);
        assertThat(file.warnings()).isEmpty();
    }

    @Test
    void refusesJunkBetweenImagesOfAnFls() {
        byte[] app = new WmImageBuilder().body(new byte[100]).build();
        byte[] fls = concat(app, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, app);

        assertThatThrownBy(() -> FirmwareFile.parse("x.fls", FirmwareFile.Kind.FLS, fls))
                .isInstanceOf(InvalidImageException.class)
                .hasMessage("x.fls: Not a WM image at offset 164: magic 0x04030201, expected 0xA0FFFF9F");
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
