package io.iotworkbench.ui.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.shadow.ShadowDiff;
import io.iotworkbench.shadow.ShadowJson;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One version of the shadow in the live timeline: its version number, when it was written, the client token of the
 * update, a one-line summary of what changed, and the full state (desired + reported) at that version; and the words
 * for what changed between versions. Immutable.
 */
public record TimelineEntry(long version, long timestamp, String clientToken, String changes, JsonNode state) {

    /** The desired and reported sections of a full shadow document, as a timeline entry keeps them. */
    static ObjectNode stateOf(JsonNode doc) {
        ObjectNode state = ShadowJson.object();
        JsonNode s = doc.path("state");
        if (s.has("desired")) {
            state.set("desired", s.get("desired"));
        }
        if (s.has("reported")) {
            state.set("reported", s.get("reported"));
        }
        return state;
    }

    /** "desired.led: red → blue, reported.temp = 21" (at most six changes), or "no change". */
    static String summary(List<ShadowDiff.Change> changes) {
        if (changes.isEmpty()) {
            return "no change";
        }
        return changes.stream().limit(6).map(c -> c.pathString() + (switch (c.kind()) {
            case ADDED -> " = " + c.newValue();
            case REMOVED -> " removed";
            case CHANGED -> ": " + c.oldValue() + " → " + c.newValue();
        })).collect(Collectors.joining(", ")) + (changes.size() > 6 ? ", …" : "");
    }

    /** Field-level differences from this version to {@code newer}, one line each. */
    List<String> changesTo(TimelineEntry newer) {
        return ShadowDiff.diff(state, newer.state()).stream().map(c -> c.pathString() + "  "
                + switch (c.kind()) {
            case ADDED -> "added " + c.newValue();
            case REMOVED -> "removed (was " + c.oldValue() + ")";
            case CHANGED -> c.oldValue() + " → " + c.newValue();
        }).toList();
    }
}
