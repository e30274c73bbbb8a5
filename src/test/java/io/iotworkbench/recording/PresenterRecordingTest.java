package io.iotworkbench.recording;

import io.iotworkbench.diagnostics.Redactor;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MessageRecording;
import io.iotworkbench.mqtt.MessageRedaction;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.testsupport.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording made while presenting (the MQTT pane's recording and the whole-session recording) holds no secret:
 * Wi-Fi passwords, private keys and AWS secret keys are masked, JSON payloads stay valid JSON; outside presenter
 * mode the MQTT recording is faithful.
 */
class PresenterRecordingTest {

    static final String PASSWORD = "s3cretPass99";
    static final String KEY_BODY = "MIIEowIBAAKCAQEAwJH3kQ0Lp7v9yXs8dGq1";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String PAYLOAD = "{\"cmd\":\"wifi connect DemoNet " + PASSWORD + "\",\"privateKey\":"
            + "\"-----BEGIN RSA PRIVATE KEY-----\\n" + KEY_BODY + "\\n-----END RSA PRIVATE KEY-----\\n\","
            + "\"creds\":{\"SecretAccessKey\":\"" + SECRET_KEY + "\"},\"led\":\"blue\"}";

    @TempDir
    Path dir;

    private static ReceivedMessage message(long seq) {
        return ReceivedMessage.of(seq, "demo/secrets", PAYLOAD.getBytes(StandardCharsets.UTF_8), 0, false, false,
                System.currentTimeMillis(), 1 << 20);
    }

    @Test
    void theMqttPanesRecordingMasksSecretsWhilePresenting() throws Exception {
        Redactor redactor = new Redactor();
        try (MessagePipeline pipeline = new MessagePipeline(PipelineLimits.defaults())) {
            Path faithful = dir.resolve("faithful.ndjson");
            Path onStage = dir.resolve("on-stage.ndjson");
            MessageRecording.Recorder plain = MessageRecording.record(pipeline, faithful,
                    m -> MessageRedaction.whilePresenting(m, redactor));
            pipeline.offer("demo/secrets", PAYLOAD.getBytes(StandardCharsets.UTF_8), 0, false, false);
            Wait.until("the first message recorded", () -> plain.written() == 1);
            plain.close();
            redactor.setPresenterMode(true);
            MessageRecording.Recorder masked = MessageRecording.record(pipeline, onStage,
                    m -> MessageRedaction.whilePresenting(m, redactor));
            pipeline.offer("demo/secrets", PAYLOAD.getBytes(StandardCharsets.UTF_8), 0, false, false);
            Wait.until("the second message recorded", () -> masked.written() == 1);
            masked.close();

            assertThat(Files.readString(faithful)).as("outside presenter mode").contains(PASSWORD, SECRET_KEY);
            String written = Files.readString(onStage);
            assertThat(written).doesNotContain(PASSWORD, KEY_BODY, SECRET_KEY).contains("blue");
            var line = new com.fasterxml.jackson.databind.ObjectMapper().readTree(written.strip());
            var payload = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line.path("payload").asText());
            assertThat(payload.path("cmd").asText()).as("still JSON").isEqualTo("wifi connect DemoNet ••••");
        }
    }

    @Test
    void theSessionRecordingMasksSecretsWhilePresenting() throws Exception {
        Redactor redactor = new Redactor();
        redactor.setPresenterMode(true);
        Path file = dir.resolve("session.ndjson");
        try (SessionRecorder recorder = SessionRecorder.start(file, Clock.systemUTC())) {
            recorder.maskWith(redactor);
            recorder.message(message(1));
            recorder.serialLine("virtual", Instant.now(), "aws_secret_access_key = " + SECRET_KEY);
            recorder.serialLine("virtual", Instant.now(), "[I] key id AKIAIOSFODNN7EXAMPLE");
            Wait.until("three events written", () -> recorder.written() == 3);
        }
        assertThat(Files.readString(file)).doesNotContain(PASSWORD, KEY_BODY, SECRET_KEY, "AKIAIOSFODNN7EXAMPLE")
                .contains("blue");
    }
}
