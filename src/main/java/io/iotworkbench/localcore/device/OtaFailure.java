package io.iotworkbench.localcore.device;

/** An OTA job ends for this reason: its final status (FAILED or REJECTED) and the {@code reason} it reports. */
final class OtaFailure extends Exception {

    private final String status;

    OtaFailure(String status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    /** FAILED or REJECTED. */
    String status() {
        return status;
    }
}
