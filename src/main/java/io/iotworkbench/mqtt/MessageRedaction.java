package io.iotworkbench.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.diagnostics.Redactor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * A message as it may be shown or written now: its topic and (UTF-8 text) payload passed through the session's
 * {@link Redactor} (the one masking rule). A JSON payload is masked value by value so it stays valid JSON; binary
 * payloads are kept as they are. Used by the MQTT pane's export and recording and by the session recording.
 *
 * <p>Stateless; safe from any thread.
 */
public final class MessageRedaction {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageRedaction() {
    }

    /** {@code m} with what {@code redactor} hides now masked; {@code m} itself when nothing is hidden. */
    public static ReceivedMessage shown(ReceivedMessage m, Redactor redactor) {
        String topic = redactor.shown(m.topic());
        byte[] payload = m.payload();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException binary) {
            text = null; // not text: written as it is (its hex/base64 carries no readable secret)
        }
        if (text != null) {
            String masked = masked(text, redactor);
            if (!masked.equals(text)) {
                payload = masked.getBytes(StandardCharsets.UTF_8);
            }
        }
        if (topic.equals(m.topic()) && payload == m.payload()) {
            return m;
        }
        return new ReceivedMessage(m.sequence(), topic, payload, payload.length, m.qos(), m.retained(),
                m.duplicate(), m.timeMillis());
    }

    /** {@code m} masked when presenter mode is on (what a file written now may hold), else {@code m}. */
    public static ReceivedMessage whilePresenting(ReceivedMessage m, Redactor redactor) {
        return redactor != null && redactor.isPresenterMode() ? shown(m, redactor) : m;
    }

    private static String masked(String text, Redactor redactor) {
        String t = text.strip();
        if (t.startsWith("{") || t.startsWith("[")) {
            try {
                JsonNode tree = JSON.readTree(text);
                JsonNode shown = redactor.shown(tree);
                return shown == tree ? text : JSON.writeValueAsString(shown);
            } catch (IOException notJson) {
                // not JSON after all: masked as text
            }
        }
        return redactor.shown(text);
    }
}
