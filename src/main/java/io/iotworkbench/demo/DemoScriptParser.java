package io.iotworkbench.demo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.iotworkbench.storage.Json;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a demo script (YAML: {@code title}, {@code description}, {@code steps}; each step a mapping with one step
 * type as its key, see README "Demo scripts") into a {@link DemoScript}. Every problem is one sentence that names the
 * line. Stateless and thread-safe.
 */
public final class DemoScriptParser {

    /** A wait without {@code timeout} waits this long. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The longest wait a script may ask for. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    /** Job templates by the names scripts use. */
    public static final List<String> TEMPLATES = List.of("reboot", "print", "publish");
    /** The window's tabs by the names scripts use. */
    public static final List<String> TABS = List.of("certificates", "mqtt", "shadow", "jobs", "things", "serial");
    /** Job execution statuses a wait may name. */
    public static final List<String> JOB_STATUSES = List.of("QUEUED", "IN_PROGRESS", "SUCCEEDED", "FAILED",
            "TIMED_OUT", "REJECTED", "REMOVED", "CANCELED");

    private static final Map<String, Set<String>> KEYS = Map.of(
            "shadow-update", Set.of("desired", "reported", "thing", "shadow"),
            "job", Set.of("template", "id", "thing"),
            "wait-shadow", Set.of("field", "equals", "thing", "shadow", "timeout"),
            "wait-job", Set.of("status", "id", "thing", "timeout"),
            "wait-console", Set.of("contains", "timeout"));
    private static final List<String> STEP_TYPES = List.of("caption", "connect", "tab", "thing", "shadow-update",
            "job", "board", "wait-shadow", "wait-job", "wait-console");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** Reads a script file; its name (without {@code .yaml}) becomes the script's name. */
    public DemoScript parse(Path file) throws DemoScriptException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DemoScriptException("There is no demo script " + file + ".");
        } catch (IOException e) {
            throw new DemoScriptException("Cannot read the demo script " + file + ": " + e.getMessage());
        }
        return parse(nameOf(file.getFileName().toString()), text);
    }

    /** {@code led_demo.yaml} → {@code led_demo}. */
    public static String nameOf(String fileName) {
        return fileName.replaceFirst("\\.ya?ml$", "");
    }

    /** Reads a script's text. */
    public DemoScript parse(String name, String text) throws DemoScriptException {
        String title = name;
        String description = "";
        List<DemoStep> steps = null;
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            p.setCodec(yaml);
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new DemoScriptException("Line " + line(p) + ": a demo script is a mapping with title, "
                        + "description and steps.");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = line(p);
                JsonToken value = p.nextToken();
                switch (key) {
                    case "title" -> title = scalar(p.readValueAsTree(), keyLine, "title");
                    case "description" -> description = scalar(p.readValueAsTree(), keyLine, "description");
                    case "steps" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new DemoScriptException("Line " + keyLine + ": steps must be a list (each step "
                                    + "on a line starting with \"- \").");
                        }
                        steps = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            int stepLine = line(p);
                            steps.add(step(p.readValueAsTree(), stepLine));
                        }
                    }
                    default -> throw new DemoScriptException("Line " + keyLine + ": unknown key \"" + key
                            + "\" (a script has title, description and steps).");
                }
            }
        } catch (JsonProcessingException e) {
            throw new DemoScriptException(yamlProblem(e), e);
        } catch (IOException e) {
            throw new DemoScriptException("Cannot read the demo script: " + e.getMessage(), e);
        }
        if (steps == null || steps.isEmpty()) {
            throw new DemoScriptException("The script has no steps (add a \"steps:\" list).");
        }
        return new DemoScript(name, title, description, steps);
    }

    /** {@code Line 2: it is not valid YAML (while parsing a flow sequence: expected ',' or ']', …).} */
    private static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m) {
            var mark = m.getContextMark() != null ? m.getContextMark() : m.getProblemMark();
            String context = m.getContext() == null ? "" : m.getContext().strip() + ": ";
            return (mark == null ? "It" : "Line " + (mark.getLine() + 1) + ": it") + " is not valid YAML (" + context
                    + (m.getProblem() == null ? "" : m.getProblem().strip()) + ").";
        }
        return "It is not valid YAML (" + Json.syntaxDetail(e).replace("\n", " ") + ").";
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private DemoStep step(JsonNode node, int line) throws DemoScriptException {
        if (!node.isObject() || node.size() != 1) {
            throw new DemoScriptException("Line " + line + ": a step is one of " + String.join(", ", STEP_TYPES)
                    + " with its value, e.g. \"- caption: Hello\".");
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        String type = only.getKey();
        JsonNode v = only.getValue();
        return switch (type) {
            case "caption" -> new DemoStep.Caption(line, scalar(v, line, type));
            case "connect" -> new DemoStep.Connect(line, scalar(v, line, type));
            case "tab" -> new DemoStep.SelectTab(line, oneOf(scalar(v, line, type).toLowerCase(Locale.ROOT), TABS,
                    line, "tab"));
            case "thing" -> new DemoStep.SetThing(line, scalar(v, line, type));
            case "board" -> new DemoStep.BoardCommand(line, scalar(v, line, type));
            case "shadow-update" -> shadowUpdate(fields(v, line, type), line);
            case "job" -> {
                JsonNode f = fields(v, line, type);
                yield new DemoStep.CreateJob(line, oneOf(required(f, "template", line, type), TEMPLATES, line,
                        "template"), optional(f, "id"), optional(f, "thing"));
            }
            case "wait-shadow" -> {
                JsonNode f = fields(v, line, type);
                yield new DemoStep.WaitShadow(line, optional(f, "thing"), optional(f, "shadow"),
                        required(f, "field", line, type), required(f, "equals", line, type), timeout(f, line));
            }
            case "wait-job" -> {
                JsonNode f = fields(v, line, type);
                yield new DemoStep.WaitJob(line, optional(f, "id"), optional(f, "thing"),
                        oneOf(required(f, "status", line, type).toUpperCase(Locale.ROOT), JOB_STATUSES, line,
                                "status"), timeout(f, line));
            }
            case "wait-console" -> {
                JsonNode f = fields(v, line, type);
                yield new DemoStep.WaitConsole(line, required(f, "contains", line, type), timeout(f, line));
            }
            default -> throw new DemoScriptException("Line " + line + ": unknown step \"" + type + "\" (steps are "
                    + String.join(", ", STEP_TYPES) + ").");
        };
    }

    private static DemoStep shadowUpdate(JsonNode f, int line) throws DemoScriptException {
        JsonNode desired = f.get("desired");
        JsonNode reported = f.get("reported");
        if (desired == null && reported == null) {
            throw new DemoScriptException("Line " + line + ": shadow-update needs desired or reported, e.g. "
                    + "\"desired: {led: red}\".");
        }
        var state = new ObjectMapper().createObjectNode();
        for (String section : List.of("desired", "reported")) {
            JsonNode s = f.get(section);
            if (s != null && !s.isObject() && !s.isNull()) {
                throw new DemoScriptException("Line " + line + ": shadow-update's " + section + " must be a mapping "
                        + "of fields, e.g. \"" + section + ": {led: red}\".");
            }
            if (s != null) {
                state.set(section, s);
            }
        }
        return new DemoStep.ShadowUpdate(line, optional(f, "thing"), optional(f, "shadow"), state);
    }

    private static JsonNode fields(JsonNode v, int line, String type) throws DemoScriptException {
        if (!v.isObject()) {
            throw new DemoScriptException("Line " + line + ": " + type + " takes a mapping of "
                    + String.join(", ", sorted(KEYS.get(type))) + ".");
        }
        Iterator<String> names = v.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!KEYS.get(type).contains(n)) {
                throw new DemoScriptException("Line " + line + ": " + type + " has no \"" + n + "\" (it takes "
                        + String.join(", ", sorted(KEYS.get(type))) + ").");
            }
        }
        return v;
    }

    private static List<String> sorted(Set<String> keys) {
        return new ArrayList<>(new LinkedHashSet<>(keys.stream().sorted().toList()));
    }

    private static String scalar(JsonNode v, int line, String what) throws DemoScriptException {
        if (v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw new DemoScriptException("Line " + line + ": " + what + " needs a text value.");
        }
        return v.asText().strip();
    }

    private static String required(JsonNode f, String key, int line, String type) throws DemoScriptException {
        JsonNode v = f.get(key);
        if (v == null) {
            throw new DemoScriptException("Line " + line + ": " + type + " needs \"" + key + "\".");
        }
        return scalar(v, line, type + "'s " + key);
    }

    private static String optional(JsonNode f, String key) {
        JsonNode v = f.get(key);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private static String oneOf(String value, List<String> allowed, int line, String what)
            throws DemoScriptException {
        if (!allowed.contains(value)) {
            throw new DemoScriptException("Line " + line + ": " + what + " \"" + value + "\" is not one of "
                    + String.join(", ", allowed) + ".");
        }
        return value;
    }

    private static Duration timeout(JsonNode f, int line) throws DemoScriptException {
        JsonNode v = f.get("timeout");
        if (v == null) {
            return DEFAULT_TIMEOUT;
        }
        Duration d = duration(v.asText().strip());
        if (d == null || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new DemoScriptException("Line " + line + ": timeout \"" + v.asText() + "\" should be a time up to "
                    + "10 minutes, e.g. 30s, 2m or 500ms.");
        }
        return d;
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms}, or a number of seconds; null when it is none of these. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            default -> n * 1_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
