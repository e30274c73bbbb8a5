package io.iotworkbench.ui.shadow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One control of the demo control panel, generated from a reported field: a switch for a boolean, a choice for a
 * known enumeration (the WM {@code led_demo} led: red/green/blue/off), a spinner for a number. Setting the control
 * sets the same field in desired. Immutable.
 */
public record ControlSpec(String field, Kind kind, JsonNode reported, List<String> choices) {

    /** The kinds of control. */
    public enum Kind { SWITCH, CHOICE, NUMBER }

    /** Known enumerations by field name. */
    static final Map<String, List<String>> ENUMERATIONS = Map.of("led", ShadowViewModel.LED_VALUES);

    /** Controls for the top-level fields of {@code reported} that have a control; others are skipped. */
    public static List<ControlSpec> fromReported(JsonNode reported) {
        List<ControlSpec> out = new ArrayList<>();
        if (reported == null || !reported.isObject()) {
            return out;
        }
        reported.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isBoolean()) {
                out.add(new ControlSpec(e.getKey(), Kind.SWITCH, v, List.of()));
            } else if (ENUMERATIONS.containsKey(e.getKey()) && v.isTextual()) {
                out.add(new ControlSpec(e.getKey(), Kind.CHOICE, v, ENUMERATIONS.get(e.getKey())));
            } else if (v.isNumber()) {
                out.add(new ControlSpec(e.getKey(), Kind.NUMBER, v, List.of()));
            }
        });
        return out;
    }
}
