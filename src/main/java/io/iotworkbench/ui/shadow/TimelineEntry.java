package io.iotworkbench.ui.shadow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One version of the shadow in the live timeline: its version number, when it was written, the client token of the
 * update, a one-line summary of what changed, and the full state (desired + reported) at that version. Immutable.
 */
public record TimelineEntry(long version, long timestamp, String clientToken, String changes, JsonNode state) {
}
