package io.iotworkbench.cert;

import io.iotworkbench.storage.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edit of a WM SDK AWS demo's {@code main/src/aws_user_def.h} that points it at an endpoint and thing: the
 * {@code #define}s of {@code AWS_IOT_ENDPOINT}, {@code THING_NAME} and {@code CLIENT_IDENTIFIER} get new string values.
 * {@link #plan} reads the file and computes the edit and its diff without writing; {@link #apply} writes it, after a
 * backup, only when the file still holds what the diff was computed from. A macro the file does not define is left
 * alone and listed in {@link Plan#absent()} (several demos take {@code CLIENT_IDENTIFIER} from {@code demo_config.h}).
 * Line endings and everything else in the file are kept byte for byte.
 *
 * <p>Stateless; blocking file I/O (call it off the FX thread).
 */
public final class WmUserDefEdit {

    public static final String USER_DEF = "main/src/aws_user_def.h";
    public static final String ENDPOINT = "AWS_IOT_ENDPOINT";
    public static final String THING = "THING_NAME";
    public static final String CLIENT_ID = "CLIENT_IDENTIFIER";

    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

    /** A computed edit: the file, its bytes when read, the new bytes, the diff, and macros the file lacks. */
    public record Plan(Path file, byte[] original, byte[] edited, String diff, List<String> absent) {

        /** Whether applying would change anything. */
        public boolean changes() {
            return !Arrays.equals(original, edited);
        }
    }

    private WmUserDefEdit() {
    }

    /**
     * The edit that sets the given values; a null or blank value leaves its macro unchanged.
     *
     * @throws IllegalArgumentException when a value holds characters a C string or an endpoint should not hold
     */
    public static Plan plan(Path userDef, String endpoint, String thingName, String clientId) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, ENDPOINT, endpoint);
        put(values, THING, thingName);
        put(values, CLIENT_ID, clientId);
        if (!Files.isRegularFile(userDef)) {
            throw new IOException(userDef + " does not exist; choose a demo that has " + USER_DEF + ".");
        }
        byte[] original = Files.readAllBytes(userDef);
        String text = new String(original, StandardCharsets.ISO_8859_1);
        List<String> lines = splitKeepingEnds(text);
        List<String> edited = new ArrayList<>(lines);
        List<String> absent = new ArrayList<>(values.keySet());
        for (int i = 0; i < lines.size(); i++) {
            for (var e : values.entrySet()) {
                Matcher m = Pattern.compile("^(\\s*#\\s*define\\s+" + e.getKey() + "\\s+)\"[^\"]*\"(.*)$",
                        Pattern.DOTALL).matcher(lines.get(i));
                if (m.matches()) {
                    absent.remove(e.getKey());
                    edited.set(i, m.group(1) + "\"" + e.getValue() + "\"" + m.group(2));
                }
            }
        }
        byte[] result = String.join("", edited).getBytes(StandardCharsets.ISO_8859_1);
        return new Plan(userDef, original, result, diff(userDef, lines, edited), List.copyOf(absent));
    }

    private static void put(Map<String, String> values, String macro, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (!VALUE.matcher(value.trim()).matches()) {
            throw new IllegalArgumentException(macro + " \"" + value + "\" may hold only letters, digits and . _ : / -"
                    + " (at most 128).");
        }
        values.put(macro, value.trim());
    }

    /**
     * Writes the edit: first a backup of the original next to the file ({@code aws_user_def.h.bak}, or {@code .bak2}
     * … when one exists), then the edited file.
     *
     * @return the backup file, or null when the plan changes nothing (nothing is written then)
     * @throws IOException when the file changed since the plan was made (nothing is written then)
     */
    public static Path apply(Plan plan) throws IOException {
        if (!plan.changes()) {
            return null;
        }
        if (!Arrays.equals(Files.readAllBytes(plan.file()), plan.original())) {
            throw new IOException(plan.file() + " changed since the diff was shown; nothing was written. Show the "
                    + "diff again.");
        }
        Path backup = plan.file().resolveSibling(plan.file().getFileName() + ".bak");
        for (int n = 2; Files.exists(backup); n++) {
            backup = plan.file().resolveSibling(plan.file().getFileName() + ".bak" + n);
        }
        AtomicFiles.write(backup, plan.original(), false);
        AtomicFiles.write(plan.file(), plan.edited(), false);
        return backup;
    }

    private static List<String> splitKeepingEnds(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** A unified diff with one line of context per run of changed lines; line endings shown as plain newlines. */
    static String diff(Path file, List<String> before, List<String> after) {
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(file).append('\n').append("+++ ").append(file).append(" (edited)\n");
        int i = 0;
        while (i < before.size()) {
            if (before.get(i).equals(after.get(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < before.size() && !before.get(j).equals(after.get(j))) {
                j++;
            }
            int from = Math.max(0, i - 1);
            int end = Math.min(before.size(), j + 1);
            out.append("@@ -").append(from + 1).append(',').append(end - from).append(" +").append(from + 1)
                    .append(',').append(end - from).append(" @@\n");
            if (from < i) {
                out.append(' ').append(strip(before.get(from))).append('\n');
            }
            for (int k = i; k < j; k++) {
                out.append('-').append(strip(before.get(k))).append('\n');
            }
            for (int k = i; k < j; k++) {
                out.append('+').append(strip(after.get(k))).append('\n');
            }
            if (j < end) {
                out.append(' ').append(strip(before.get(j))).append('\n');
            }
            i = j;
        }
        return out.toString();
    }

    private static String strip(String line) {
        return line.replaceAll("\r?\n$", "");
    }
}
