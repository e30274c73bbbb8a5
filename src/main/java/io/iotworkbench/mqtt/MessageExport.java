package io.iotworkbench.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;

/**
 * Writes messages as NDJSON (one JSON object per line; the payload as text when it is UTF-8, else base64, with a
 * flag saying which) or as CSV (RFC 4180 quoting). The NDJSON form is also the recording format that
 * {@link MessageRecording} replays. Stateless and thread-safe.
 */
public final class MessageExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** File formats. */
    public enum Format { NDJSON, CSV }

    private MessageExport() {
    }

    public static void write(Path file, Collection<ReceivedMessage> messages, Format format) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (format == Format.CSV) {
                w.write("time,topic,qos,retained,size,payload\n");
            }
            for (ReceivedMessage m : messages) {
                if (format == Format.NDJSON) {
                    writeNdjsonLine(w, m);
                } else {
                    writeCsvLine(w, m);
                }
            }
        }
    }

    static void writeNdjsonLine(Writer w, ReceivedMessage m) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", Instant.ofEpochMilli(m.timeMillis()).toString());
        o.put("timeMillis", m.timeMillis());
        o.put("topic", m.topic());
        o.put("qos", m.qos());
        o.put("retained", m.retained());
        o.put("size", m.size());
        var text = PayloadFormats.text(m.payload());
        if (text.isPresent()) {
            o.put("payload", text.get());
        } else {
            o.put("payloadBase64", Base64.getEncoder().encodeToString(m.payload()));
        }
        if (m.truncated()) {
            o.put("truncated", true);
        }
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
    }

    private static void writeCsvLine(Writer w, ReceivedMessage m) throws IOException {
        String payload = PayloadFormats.text(m.payload()).orElse("base64:" + PayloadFormats.base64(m.payload()));
        w.write(Instant.ofEpochMilli(m.timeMillis()).toString());
        w.write(',');
        w.write(csv(m.topic()));
        w.write("," + m.qos() + "," + m.retained() + "," + m.size() + ",");
        w.write(csv(payload));
        w.write('\n');
    }

    static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
