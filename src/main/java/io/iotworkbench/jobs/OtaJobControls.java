package io.iotworkbench.jobs;

import software.amazon.awssdk.services.iot.model.AwsJobAbortCriteria;
import software.amazon.awssdk.services.iot.model.AwsJobAbortCriteriaAbortAction;
import software.amazon.awssdk.services.iot.model.AwsJobAbortCriteriaFailureType;
import software.amazon.awssdk.services.iot.model.CreateOtaUpdateRequest;

/**
 * The safety settings of an OTA update's job: a staged rollout (at most this many devices notified per minute) and an
 * abort (cancel the update once at least {@code abortAfterDevices} devices finished and at least
 * {@code abortFailedPercent} of them failed, were rejected or timed out). Each is optional; they become
 * {@code awsJobExecutionsRolloutConfig} and {@code awsJobAbortConfig} of CreateOTAUpdate.
 *
 * <p>Immutable; safe from any thread.
 */
public record OtaJobControls(Integer maxPerMinute, Double abortFailedPercent, Integer abortAfterDevices) {

    /** No rollout limit, no abort. */
    public static final OtaJobControls NONE = new OtaJobControls(null, null, null);

    public OtaJobControls {
        if (maxPerMinute != null && (maxPerMinute < 1 || maxPerMinute > 1000)) {
            throw new IllegalArgumentException("Devices per minute must be a whole number from 1 to 1000.");
        }
        if (abortFailedPercent != null && (abortFailedPercent <= 0 || abortFailedPercent > 100)) {
            throw new IllegalArgumentException("The abort threshold must be a percentage above 0 and up to 100.");
        }
        if ((abortFailedPercent == null) != (abortAfterDevices == null)) {
            throw new IllegalArgumentException("To abort on failures give both the percentage and after how many "
                    + "devices.");
        }
        if (abortAfterDevices != null && abortAfterDevices < 1) {
            throw new IllegalArgumentException("Abort after at least 1 device.");
        }
    }

    /** From the view's three fields (blank: not set); IllegalArgumentException with one sentence otherwise. */
    public static OtaJobControls parse(String perMinute, String failedPercent, String afterDevices) {
        try {
            return new OtaJobControls(blank(perMinute) ? null : Integer.valueOf(perMinute.trim()),
                    blank(failedPercent) ? null : Double.valueOf(failedPercent.trim().replace("%", "")),
                    blank(afterDevices) ? null : Integer.valueOf(afterDevices.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Devices per minute and after how many devices are whole numbers; "
                    + "the abort threshold is a percentage such as 20 or 12.5.");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Adds the rollout and abort configs to the request. */
    public CreateOtaUpdateRequest.Builder applyTo(CreateOtaUpdateRequest.Builder request) {
        if (maxPerMinute != null) {
            request.awsJobExecutionsRolloutConfig(r -> r.maximumPerMinute(maxPerMinute));
        }
        if (abortFailedPercent != null) {
            double rounded = Math.round(abortFailedPercent * 100) / 100.0;
            request.awsJobAbortConfig(a -> a.abortCriteriaList(AwsJobAbortCriteria.builder()
                    .failureType(AwsJobAbortCriteriaFailureType.ALL).action(AwsJobAbortCriteriaAbortAction.CANCEL)
                    .thresholdPercentage(rounded).minNumberOfExecutedThings(abortAfterDevices).build()));
        }
        return request;
    }
}
