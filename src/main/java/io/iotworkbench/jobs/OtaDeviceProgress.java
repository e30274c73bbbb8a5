package io.iotworkbench.jobs;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one device is in an OTA update, read from its job execution: the status and the {@code statusDetails} the OTA
 * agent reports ({@code blocks} or the AWS OTA library's {@code receive} as "received/total", {@code progress} as
 * "N%", {@code bytes}, {@code self_test} {@code ready}/{@code active}, {@code reason}). Bytes are estimated from the
 * blocks and the file size when the device does not report them.
 *
 * <p>Immutable; safe from any thread.
 */
public record OtaDeviceProgress(String thingName, Stage stage, String status, long blocks, long totalBlocks,
                                long bytes, long totalBytes, String reason, long versionNumber) {

    /** The stages the OTA view shows. */
    public enum Stage {
        QUEUED("queued"), DOWNLOADING("downloading"), VERIFYING("verifying"), REBOOTING("rebooting"),
        SELF_TEST("self-test"), SUCCEEDED("succeeded"), FAILED("failed"), CANCELED("canceled");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean isFinal() {
            return this == SUCCEEDED || this == FAILED || this == CANCELED;
        }
    }

    private static final Pattern FRACTION = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");
    private static final Pattern PERCENT = Pattern.compile("\\s*(\\d{1,3})(?:\\.\\d+)?\\s*%?\\s*");

    /** The device's progress from its execution; {@code fileSize} is the image's size (0 when unknown). */
    public static OtaDeviceProgress of(ExecutionInfo e, long fileSize) {
        Map<String, String> d = e.statusDetails();
        long blocks = 0;
        long total = 0;
        String fraction = d.getOrDefault("blocks", d.get("receive"));
        if (fraction != null) {
            Matcher m = FRACTION.matcher(fraction);
            if (m.matches()) {
                blocks = Long.parseLong(m.group(1));
                total = Long.parseLong(m.group(2));
            }
        }
        long bytes = number(d.get("bytes"));
        if (bytes < 0) {
            if (total > 0) {
                bytes = fileSize * Math.min(blocks, total) / total;
            } else {
                long percent = percent(d.get("progress"));
                bytes = percent < 0 ? 0 : fileSize * Math.min(100, percent) / 100;
            }
        }
        String selfTest = d.getOrDefault("self_test", "");
        String reason = d.getOrDefault("reason", "");
        Stage stage = switch (e.status()) {
            case "QUEUED" -> Stage.QUEUED;
            case "SUCCEEDED" -> Stage.SUCCEEDED;
            case "CANCELED", "REMOVED" -> Stage.CANCELED;
            case "FAILED", "REJECTED", "TIMED_OUT" -> Stage.FAILED;
            default -> inProgress(selfTest, blocks, total, bytes, fileSize, d.containsKey("progress"));
        };
        if (stage == Stage.SUCCEEDED || stage == Stage.REBOOTING || stage == Stage.SELF_TEST
                || stage == Stage.VERIFYING) {
            bytes = Math.max(bytes, fileSize);
            blocks = Math.max(blocks, total);
        }
        if (stage == Stage.FAILED && reason.isEmpty()) {
            reason = switch (e.status()) {
                case "TIMED_OUT" -> "timed out";
                case "REJECTED" -> "rejected";
                default -> "";
            };
        }
        return new OtaDeviceProgress(e.thingName(), stage, e.status(), blocks, total, bytes, fileSize, reason,
                e.versionNumber());
    }

    private static Stage inProgress(String selfTest, long blocks, long total, long bytes, long fileSize,
                                    boolean hasProgress) {
        if (selfTest.equals("active")) {
            return Stage.SELF_TEST;
        }
        if (selfTest.equals("ready")) {
            return Stage.REBOOTING;
        }
        boolean complete = total > 0 ? blocks >= total : hasProgress && fileSize > 0 && bytes >= fileSize;
        return complete ? Stage.VERIFYING : Stage.DOWNLOADING;
    }

    /** 0..1 for the progress bar. */
    public double fraction() {
        if (stage == Stage.SUCCEEDED) {
            return 1;
        }
        if (totalBytes > 0) {
            return Math.min(1, (double) bytes / totalBytes);
        }
        return totalBlocks > 0 ? Math.min(1, (double) blocks / totalBlocks) : 0;
    }

    /** E.g. {@code 409600 / 1048576 bytes · 100 / 256 blocks}. */
    public String amount() {
        String b = String.format(Locale.ROOT, "%,d / %,d bytes", bytes, totalBytes);
        return totalBlocks > 0 ? b + String.format(Locale.ROOT, " · %d / %d blocks", blocks, totalBlocks) : b;
    }

    /** The stage, with the reason when there is one: {@code failed: signature check failed}. */
    public String stateText() {
        return reason.isEmpty() || stage == Stage.SUCCEEDED && reason.startsWith("accepted")
                ? stage.label() : stage.label() + ": " + reason;
    }

    private static long number(String s) {
        if (s == null) {
            return -1;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long percent(String s) {
        if (s == null) {
            return -1;
        }
        Matcher m = PERCENT.matcher(s);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
