package io.iotworkbench.serial.flash;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Crc16CcittTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void hasTheCatalogueCheckValue() {
        assertThat(Crc16Ccitt.compute("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x29B1);
        assertThat(Crc16Ccitt.xmodem("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9)).isEqualTo(0x31C3);
    }

    @Test
    void buildsTheRomFramesTheSdkSends() {
        assertThat(RomCommand.setBaudRate(2_000_000)).isEqualTo(hex("21 0a 00 ef 2a 31 00 00 00 80 84 1e 00"));
        assertThat(RomCommand.setBaudRate(1_000_000)).isEqualTo(hex("21 0a 00 5e 3d 31 00 00 00 40 42 0f 00"));
        assertThat(RomCommand.setBaudRate(921_600)).isEqualTo(hex("21 0a 00 5d 50 31 00 00 00 00 10 0e 00"));
        assertThat(RomCommand.setBaudRate(460_800)).isEqualTo(hex("21 0a 00 07 00 31 00 00 00 00 08 07 00"));
        assertThat(RomCommand.setBaudRate(115_200)).isEqualTo(hex("21 0a 00 97 4b 31 00 00 00 00 c2 01 00"));
        assertThat(RomCommand.eraseTwoMegabytes()).isEqualTo(hex("21 0a 00 c3 35 32 00 00 00 02 00 fe 01"));
        assertThat(RomCommand.eraseSectors(2, 0xFE)).isEqualTo(hex("21 0a 00 e2 25 32 00 00 00 02 00 fe 00"));
        assertThat(RomCommand.reboot()).isEqualTo(hex("21 06 00 c7 7c 3f 00 00 00"));
        assertThat(RomCommand.getMac()).isEqualTo(hex("21 06 00 ea 2d 38 00 00 00"));
    }

    @Test
    void decodesFramesAndRefusesDamagedOnes() {
        RomCommand.Frame frame = RomCommand.decode(RomCommand.setBaudRate(921_600));
        assertThat(frame.command()).isEqualTo(RomCommand.SET_BAUD_RATE);
        assertThat(frame.parameters()).isEqualTo(hex("00 10 0e 00"));
        assertThat(RomCommand.frameSize(0x0a, 0x00)).isEqualTo(13);

        byte[] damaged = RomCommand.reboot();
        damaged[5] = 0x3E;
        String computed = String.format("0x%04X", Crc16Ccitt.compute(damaged, 5, 4));
        assertThatThrownBy(() -> RomCommand.decode(damaged)).hasMessage("frame CRC 0x7CC7, computed " + computed);
        assertThatThrownBy(() -> RomCommand.decode(hex("22 06 00 c7 7c 3f 00 00 00")))
                .hasMessage("not a ROM command frame");
    }
}
