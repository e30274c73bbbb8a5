package io.iotworkbench.localcore.api;

import io.iotworkbench.localcore.AwsErrorKind;
import io.iotworkbench.localcore.AwsServiceException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request path pattern such as {@code /things/{thingName}/principals}: literal segments, and {@code {label}}
 * segments that match exactly one non-empty segment. Matching works on the raw path and percent-decodes each segment
 * on its own, so an encoded {@code %2F} stays inside its label (AWS's non-greedy labels: a topic
 * {@code $aws/things/t} arrives as {@code %24aws%2Fthings%2Ft}). Immutable.
 */
final class PathPattern {

    private final String pattern;
    private final List<String> segments;

    PathPattern(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("A path pattern starts with '/': " + pattern);
        }
        this.pattern = pattern;
        this.segments = split(pattern);
    }

    /** The decoded label values when {@code rawPath} matches, else null. */
    Map<String, String> match(String rawPath) {
        List<String> raw = split(rawPath);
        if (raw.size() != segments.size()) {
            return null;
        }
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String expected = segments.get(i);
            String actual = decode(raw.get(i));
            if (isLabel(expected)) {
                if (actual.isEmpty()) {
                    return null;
                }
                labels.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return null;
            }
        }
        return labels;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** Percent-decodes one path segment as UTF-8 ({@code +} stays a plus, as in any path). */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        StringBuilder result = new StringBuilder(segment.length());
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char ch = segment.charAt(i);
            if (ch != '%') {
                result.append(encoded.toString(StandardCharsets.UTF_8)).append(ch);
                encoded.reset();
                continue;
            }
            if (i + 2 >= segment.length() || Character.digit(segment.charAt(i + 1), 16) < 0
                    || Character.digit(segment.charAt(i + 2), 16) < 0) {
                throw new AwsServiceException(AwsErrorKind.INVALID_REQUEST, "The path segment '" + segment
                        + "' has a malformed percent-encoding.");
            }
            encoded.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
            i += 2;
        }
        return result.append(encoded.toString(StandardCharsets.UTF_8)).toString();
    }

    private static boolean isLabel(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> split(String path) {
        List<String> result = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                result.add(path.substring(start));
                return result;
            }
            result.add(path.substring(start, slash));
            start = slash + 1;
        }
    }
}
