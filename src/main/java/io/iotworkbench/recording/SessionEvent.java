package io.iotworkbench.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.diagnostics.Redactor;
import io.iotworkbench.mqtt.PayloadFormats;
import io.iotworkbench.mqtt.ReceivedMessage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * One line of a session recording (NDJSON, see README "Session recording and replay"): a message the session
 * received (kind {@code mqtt}, or {@code shadow} with the shadow's {@code version}, or {@code job} with the job's id
 * and execution {@code status} when the topic and payload say so) or a serial line (kind {@code serial}). Immutable.
 *
 * @param kind       mqtt, shadow, job or serial
 * @param timeMillis when the session saw it (host time)
 * @param origin     the topic, or the serial port
 * @param payload    the message payload (bytes), or the serial line's text in UTF-8
 */
public record SessionEvent(Kind kind, long timeMillis, String origin, byte[] payload, int qos, boolean retained) {

    /** What the line holds. */
    public enum Kind { MQTT, SHADOW, JOB, SERIAL }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static SessionEvent ofMessage(ReceivedMessage m) {
        Kind kind = m.topic().contains("/shadow/") ? Kind.SHADOW : m.topic().contains("/jobs/") ? Kind.JOB : Kind.MQTT;
        return new SessionEvent(kind, m.timeMillis(), m.topic(), m.payload(), m.qos(), m.retained());
    }

    /** A serial line, with a Wi-Fi password hidden. */
    public static SessionEvent ofSerial(String port, long timeMillis, String text) {
        return new SessionEvent(Kind.SERIAL, timeMillis, port, Redactor.always(text).getBytes(StandardCharsets.UTF_8),
                0, false);
    }

    public boolean isMessage() {
        return kind != Kind.SERIAL;
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The NDJSON object of this event. */
    ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", kind.name().toLowerCase(Locale.ROOT));
        o.put("time", Instant.ofEpochMilli(timeMillis).toString());
        o.put("timeMillis", timeMillis);
        if (kind == Kind.SERIAL) {
            o.put("port", origin);
            o.put("text", text());
            return o;
        }
        o.put("topic", origin);
        o.put("qos", qos);
        o.put("retained", retained);
        var text = PayloadFormats.text(payload);
        if (text.isPresent()) {
            o.put("payload", text.get());
        } else {
            o.put("payloadBase64", Base64.getEncoder().encodeToString(payload));
        }
        if (kind == Kind.SHADOW || kind == Kind.JOB) {
            annotate(o, text.orElse(null));
        }
        return o;
    }

    /** Adds the shadow version, or the job id and status, when the payload has them. */
    private void annotate(ObjectNode o, String text) {
        if (text == null || !text.startsWith("{")) {
            return;
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(text);
        } catch (java.io.IOException e) {
            return;
        }
        if (kind == Kind.SHADOW) {
            JsonNode version = doc.has("version") ? doc.get("version") : doc.path("current").get("version");
            if (version != null && version.canConvertToLong()) {
                o.put("version", version.asLong());
            }
            return;
        }
        JsonNode execution = doc.path("execution");
        String jobId = execution.path("jobId").asText(doc.path("jobId").asText(""));
        String status = execution.path("status").asText(doc.path("status").asText(""));
        if (!jobId.isEmpty()) {
            o.put("jobId", jobId);
        }
        if (!status.isEmpty()) {
            o.put("status", status);
        }
    }

    /** Reads an NDJSON line: a session event, or (no {@code kind}) a line of the MQTT pane's message recording. */
    static SessionEvent fromJson(JsonNode o) {
        String kindText = o.path("kind").asText("mqtt");
        long time = o.path("timeMillis").asLong();
        if (kindText.equals("serial")) {
            return new SessionEvent(Kind.SERIAL, time, o.path("port").asText(), o.path("text").asText()
                    .getBytes(StandardCharsets.UTF_8), 0, false);
        }
        Kind kind = switch (kindText) {
            case "shadow" -> Kind.SHADOW;
            case "job" -> Kind.JOB;
            default -> Kind.MQTT;
        };
        byte[] payload = o.has("payloadBase64") ? Base64.getDecoder().decode(o.get("payloadBase64").asText())
                : o.path("payload").asText().getBytes(StandardCharsets.UTF_8);
        return new SessionEvent(kind, time, o.path("topic").asText(), payload, o.path("qos").asInt(),
                o.path("retained").asBoolean());
    }
}
