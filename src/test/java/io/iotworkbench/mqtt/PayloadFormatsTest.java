package io.iotworkbench.mqtt;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadFormatsTest {

    @Test
    void jsonIsRecognisedAndPrettyPrinted() {
        byte[] p = "{\"state\":{\"reported\":{\"led\":\"red\"}}}".getBytes(StandardCharsets.UTF_8);
        assertThat(PayloadFormats.json(p)).isPresent();
        assertThat(PayloadFormats.prettyJson(PayloadFormats.json(p).get())).contains("\n")
                .contains("\"led\" : \"red\"");
        assertThat(PayloadFormats.json("not json".getBytes())).isEmpty();
        assertThat(PayloadFormats.json(new byte[0])).isEmpty();
    }

    @Test
    void invalidUtf8IsNotText() {
        assertThat(PayloadFormats.text(new byte[] {(byte) 0xC3, (byte) 0x28})).isEmpty();
        assertThat(PayloadFormats.text("grüße".getBytes(StandardCharsets.UTF_8))).contains("grüße");
    }

    @Test
    void hexDumpShowsOffsetsBytesAndAscii() {
        String dump = PayloadFormats.hexDump("ABCDEFGHIJKLMNOPQ\n".getBytes());
        assertThat(dump.lines()).hasSize(2);
        assertThat(dump.lines().findFirst().orElseThrow()).startsWith("00000000  41 42 43")
                .endsWith("|ABCDEFGHIJKLMNOP|");
        assertThat(dump).contains("00000010  51 0a").contains("|Q.|");
    }

    @Test
    void jsonProblemsPointAtLineAndColumn() {
        var problem = PayloadFormats.checkJson("{\n  \"a\": 1,\n  \"b\": }");
        assertThat(problem).isPresent();
        assertThat(problem.get().line()).isEqualTo(3);
        assertThat(problem.get().column()).isGreaterThan(1);
        assertThat(PayloadFormats.checkJson("{\"ok\":true}")).isEmpty();
    }

    @Test
    void numbersComeFromWholePayloadsOrJsonFieldsIncludingWmStringValues() {
        assertThat(PayloadFormats.number(" 21.5 ".getBytes(), "")).contains(21.5);
        byte[] wm = "{\"state\":{\"reported\":{\"temperature_sensor\":\"23.4\"}}}".getBytes();
        assertThat(PayloadFormats.number(wm, "/state/reported/temperature_sensor")).contains(23.4);
        assertThat(PayloadFormats.number(wm, "/state/reported/led")).isEmpty();
        assertThat(PayloadFormats.number("{\"t\":7}".getBytes(), "/t")).contains(7.0);
    }
}
