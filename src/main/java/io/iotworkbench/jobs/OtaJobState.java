package io.iotworkbench.jobs;

import java.util.Locale;

/**
 * An OTA update's job as DescribeJob reports it, in the OTA view's words: in progress, completed, canceled, or
 * aborted with the reason (a job its abort config canceled: reason code {@link #ABORT_REASON} on the Local IoT Core;
 * on AWS a canceled job whose comment says it was aborted).
 *
 * <p>Immutable.
 */
public record OtaJobState(String status, String reasonCode, String comment) {

    /** The reason code the Local IoT Core gives a job its abort config canceled (decision 0018). */
    public static final String ABORT_REASON = "ABORT_CRITERIA_MET";

    public boolean aborted() {
        return "CANCELED".equals(status) && (ABORT_REASON.equals(reasonCode)
                || comment != null && comment.toLowerCase(Locale.ROOT).contains("abort"));
    }

    /** One line for the view, e.g. {@code aborted: Aborted by the abort config: 2 of 3 executed things failed ...}. */
    public String text() {
        if (aborted()) {
            return "aborted" + (comment == null || comment.isBlank() ? "" : ": " + comment);
        }
        if (status == null) {
            return "";
        }
        String s = status.toLowerCase(Locale.ROOT).replace('_', ' ');
        return "CANCELED".equals(status) && comment != null && !comment.isBlank() ? s + ": " + comment : s;
    }
}
