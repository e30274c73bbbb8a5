package io.iotworkbench.ui.mqtt;

import io.iotworkbench.diagnostics.Redactor;
import io.iotworkbench.mqtt.MessageExport;
import io.iotworkbench.mqtt.ReceivedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** In presenter mode the MQTT pane's export writes account details masked; binary payloads stay as they are. */
class PresenterExportTest {

    @TempDir
    Path dir;

    @Test
    void presenterModeMasksAccountDetailsInExportedMessages() throws Exception {
        Redactor redactor = new Redactor();
        redactor.setPresenterMode(true);
        byte[] json = ("{\"thingArn\":\"arn:aws:iot:eu-west-1:123456789012:thing/wm_demo_1\","
                + "\"endpoint\":\"a1b2c3-ats.iot.eu-west-1.amazonaws.com\"}").getBytes(StandardCharsets.UTF_8);
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, 0x31};
        List<ReceivedMessage> shown = List.of(
                MqttViewModel.shown(ReceivedMessage.of(1, "acct/123456789012/x", json, 1, false, false, 0, 1 << 20),
                        redactor),
                MqttViewModel.shown(ReceivedMessage.of(2, "bin", binary, 0, false, false, 0, 1 << 20), redactor));
        Path out = dir.resolve("export.ndjson");
        MessageExport.write(out, shown, MessageExport.Format.NDJSON);
        String written = Files.readString(out);
        assertThat(written).doesNotContain("123456789012", "a1b2c3-ats").contains("••••-ats.iot.eu-west-1");
        assertThat(shown.get(1).payload()).isEqualTo(binary);

        ReceivedMessage clean = ReceivedMessage.of(3, "t", "{\"led\":\"red\"}".getBytes(StandardCharsets.UTF_8),
                0, false, false, 0, 1 << 20);
        assertThat(MqttViewModel.shown(clean, redactor)).as("nothing to hide: the same message").isSameAs(clean);
    }
}
