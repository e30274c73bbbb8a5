package io.iotworkbench.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where secrets are recognised in text and masked as {@value #MASK}. Every path that shows or writes
 * text a secret could be in (console lines, Copy, Export, console log files, the activity log, the application log)
 * asks this class.
 *
 * <ul>
 *   <li>Always: the password argument of the WM CLI's {@code wifi connect <ssid> <password>} and
 *       {@code wifi softap <ssid> <password>} (typed, echoed by the board, or recalled from the board's history),
 *       everything after the SSID up to the line end, so a password cut by a chunk boundary is masked too.</li>
 *   <li>Always: the body of a PEM private key ({@code -----BEGIN … PRIVATE KEY-----} up to its {@code END} line, or
 *       to the end of the text when that is not there) and an AWS secret access key given with its name
 *       ({@code aws_secret_access_key = …}, {@code "SecretAccessKey": "…"}).</li>
 *   <li>In presenter mode also: AWS account ids (12 digits, e.g. in ARNs), the account prefix of IoT endpoints
 *       ({@code abc123-ats.iot.eu-west-1.amazonaws.com} → {@code ••••-ats.iot.eu-west-1.amazonaws.com}) and the
 *       names of AWS credentials profiles the workbench knows, AWS access key ids ({@code AKIA…}, {@code ASIA…}) and
 *       any 40-character token shaped like a secret access key (mixed case and digits, {@code /} or {@code +}).</li>
 * </ul>
 *
 * <p>Thread-safe: the mode and the profile names are volatile; listeners run on the thread that changes the mode.
 */
public final class Redactor {

    /** What a hidden value is shown as. */
    public static final String MASK = "••••";

    /** The argument after the SSID of {@code wifi connect|softap}; not in usage texts ({@code <ssid> [password]}). */
    private static final Pattern WIFI_SECRET = Pattern.compile(
            "(?i)\\bwifi[ \\t,]+(?:connect|softap)[ \\t,]+(?![<\\[])[^\\s,]+[ \\t,]+([^\\r\\n]*[^\\s,][^\\r\\n]*)");
    private static final Pattern ENDPOINT_PREFIX = Pattern.compile(
            "(?i)(?<![A-Za-z0-9-])([a-z0-9]+)(?=(?:-ats)?\\.iot\\.[a-z0-9-]+\\.amazonaws\\.com)");
    /** A private key's body and END line (the BEGIN line stays, so the reader sees what was hidden). */
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----([\\s\\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----|\\z))");
    private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----");
    private static final Pattern KEY_END = Pattern.compile("-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----");
    /** JSON field names whose text value is a secret as a whole (not paths: {@code privateKeyFile} stays). */
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i)(?:wifi_?)?(?:password|passwd|passphrase|psk"
            + "|(?:aws_?)?secret_?(?:access_?)?key|private_?key(?:_?pem)?)");
    private static final Pattern NAMED_SECRET_KEY = Pattern.compile(
            "(?i)(?:aws_?)?secret_?(?:access_?)?key[\"']?[ \\t]*[:=][ \\t]*[\"']?([A-Za-z0-9/+]{40})"
                    + "(?![A-Za-z0-9/+=])");
    private static final Pattern SECRET_KEY_SHAPE = Pattern.compile("(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]*[A-Z])"
            + "(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])");
    private static final Pattern ACCOUNT_ID = Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");

    /** A range {@code [start, end)} of a text that is replaced by {@link #MASK}. */
    public record Range(int start, int end) {
    }

    /** Used for the rules of every mode only (its presenter mode is never on). */
    private static final Redactor ALWAYS = new Redactor();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean presenterMode;
    private volatile List<Pattern> profileNames = List.of();

    /** Masks what is masked in every mode (Wi-Fi passwords). Needs no instance: the rule has no state. */
    public static String always(String text) {
        return apply(text, alwaysRanges(text));
    }

    /** The ranges {@link #always} masks. */
    public static List<Range> alwaysRanges(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Range> found = new ArrayList<>(1);
        collectAlways(text, found);
        return found.size() < 2 ? found : merged(found);
    }

    /** Masks what must not be shown or written now: {@link #always} plus, in presenter mode, account details. */
    public String shown(String text) {
        return apply(text, ranges(text, presenterMode));
    }

    /**
     * A copy of {@code json} with every string value (and field name) passed through {@link #shown}, so the masked
     * document is still valid JSON (masking its text would cut a value's closing quote), and the text value of a
     * field named like a secret ({@code password}, {@code secretAccessKey}, {@code privateKey}, …) hidden whole;
     * {@code json} itself when nothing is hidden.
     */
    public JsonNode shown(JsonNode json) {
        return masked(json, presenterMode);
    }

    /** {@link #shown(JsonNode)} with only the rules of every mode ({@link #always}). */
    public static JsonNode always(JsonNode json) {
        return ALWAYS.masked(json, false);
    }

    private JsonNode masked(JsonNode json, boolean presenter) {
        if (json == null) {
            return null;
        }
        if (json.isTextual()) {
            String masked = apply(json.asText(), ranges(json.asText(), presenter));
            return masked.equals(json.asText()) ? json : TextNode.valueOf(masked);
        }
        if (json.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            boolean changed = false;
            for (JsonNode item : json) {
                JsonNode shownItem = masked(item, presenter);
                changed |= shownItem != item;
                copy.add(shownItem);
            }
            return changed ? copy : json;
        }
        if (json.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            boolean changed = false;
            for (var it = json.fields(); it.hasNext(); ) {
                var field = it.next();
                String name = apply(field.getKey(), ranges(field.getKey(), presenter));
                JsonNode value = field.getValue().isTextual() && !field.getValue().asText().isEmpty()
                        && SECRET_FIELD.matcher(field.getKey()).matches()
                        ? TextNode.valueOf(MASK) : masked(field.getValue(), presenter);
                changed |= value != field.getValue() || !name.equals(field.getKey());
                copy.set(name, value);
            }
            return changed ? copy : json;
        }
        return json;
    }

    /**
     * True when {@code line} starts a PEM private key that does not end in it: a text shown line by line (the serial
     * console) hides the lines that follow, up to and including the one {@link #closesPrivateKey} is true for.
     */
    public static boolean opensPrivateKey(String line) {
        Matcher begin = KEY_BEGIN.matcher(line);
        int last = -1;
        while (begin.find()) {
            last = begin.end();
        }
        return last >= 0 && !KEY_END.matcher(line).region(last, line.length()).find();
    }

    /** True when {@code line} holds the END line of a PEM private key. */
    public static boolean closesPrivateKey(String line) {
        return KEY_END.matcher(line).find();
    }

    /** True when {@code text} holds a Wi-Fi password (the line stays out of histories). */
    public static boolean hasAlwaysSecret(String text) {
        return !alwaysRanges(text).isEmpty();
    }

    /**
     * The ranges to mask in {@code text}, in order and without overlaps.
     *
     * @param presenter also the presenter-mode rules
     */
    public List<Range> ranges(String text, boolean presenter) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Range> found = new ArrayList<>();
        collectAlways(text, found);
        if (presenter) {
            collect(ENDPOINT_PREFIX, 1, text, found);
            collect(ACCOUNT_ID, 0, text, found);
            collect(ACCESS_KEY_ID, 0, text, found);
            collect(SECRET_KEY_SHAPE, 0, text, found);
            for (Pattern name : profileNames) {
                collect(name, 0, text, found);
            }
        }
        return found.size() < 2 ? found : merged(found);
    }

    private static void collectAlways(String text, List<Range> into) {
        collect(WIFI_SECRET, 1, text, into);
        if (text.contains("PRIVATE KEY-----")) {
            collect(PRIVATE_KEY, 1, text, into);
        }
        collect(NAMED_SECRET_KEY, 1, text, into);
    }

    /** The ranges sorted, overlapping ones joined. */
    private static List<Range> merged(List<Range> found) {
        found.sort(Comparator.comparingInt(Range::start));
        List<Range> merged = new ArrayList<>();
        Range current = found.get(0);
        for (Range r : found.subList(1, found.size())) {
            if (r.start() <= current.end()) {
                current = new Range(current.start(), Math.max(current.end(), r.end()));
            } else {
                merged.add(current);
                current = r;
            }
        }
        merged.add(current);
        return merged;
    }

    /** {@code text} with each range replaced by {@link #MASK}. */
    public static String apply(String text, List<Range> ranges) {
        if (ranges.isEmpty()) {
            return text;
        }
        StringBuilder s = new StringBuilder(text.length());
        int at = 0;
        for (Range r : ranges) {
            s.append(text, at, r.start()).append(MASK);
            at = r.end();
        }
        return s.append(text, at, text.length()).toString();
    }

    private static void collect(Pattern pattern, int group, String text, List<Range> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (m.end(group) > m.start(group)) {
                into.add(new Range(m.start(group), m.end(group)));
            }
        }
    }

    public boolean isPresenterMode() {
        return presenterMode;
    }

    /** Turns presenter mode on or off and tells the listeners when it changed. */
    public void setPresenterMode(boolean on) {
        if (presenterMode != on) {
            presenterMode = on;
            listeners.forEach(Runnable::run);
        }
    }

    /** The names of AWS credentials profiles to hide in presenter mode (blank names are ignored). */
    public void setCredentialsProfiles(Collection<String> names) {
        profileNames = names.stream().filter(n -> n != null && !n.isBlank()).map(String::strip).distinct()
                .map(n -> Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(n) + "(?![A-Za-z0-9_.-])"))
                .toList();
    }

    /** Runs {@code listener} after each change of the mode, on the changing thread. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
