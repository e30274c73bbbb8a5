package io.iotworkbench.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Factory for the Jackson mappers the workbench uses for its own files. Each caller gets its own mapper
 * (ObjectMapper is thread-safe once configured), so there is no shared static instance to reach for.
 */
public final class Json {

    private Json() {
    }

    /** A mapper for the workbench's settings files: pretty output, tolerant of fields a newer version added. */
    public static ObjectMapper forFiles() {
        return new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
