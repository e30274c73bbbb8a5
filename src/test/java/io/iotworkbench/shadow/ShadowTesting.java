package io.iotworkbench.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for the shadow tests: JSON from text, and JSON comparison with numbers compared by value. */
final class ShadowTesting {

    static final long T0 = 1_700_000_000L;

    private ShadowTesting() {
    }

    static JsonNode json(String text) {
        try {
            return ShadowJson.parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Fails unless {@code actual} equals {@code expected} (key order ignored, numbers by value). */
    static void assertJson(JsonNode actual, String expected) {
        JsonNode want = json(expected);
        assertThat(ShadowJson.semanticEquals(actual, want))
                .as("expected %s%n but was %s", ShadowJson.write(want),
                        actual == null ? null : ShadowJson.write(actual))
                .isTrue();
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }
}
