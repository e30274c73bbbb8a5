package io.iotworkbench.ui.jobs;

import io.iotworkbench.jobs.OtaJobControls;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * The OTA view's rollout and abort fields (blank: not used): devices notified per minute, and abort when this share of
 * the devices that finished failed, once this many finished. {@link #snapshot} reads them on the FX thread,
 * {@link Snapshot#controls} checks them anywhere.
 *
 * <p>Properties are FX-thread.
 */
public final class OtaJobControlsForm {

    /** The fields' text at one moment. */
    public record Snapshot(String perMinute, String failedPercent, String afterDevices) {
        /** The checked settings; IllegalArgumentException with one sentence when a field is wrong. */
        public OtaJobControls controls() {
            return OtaJobControls.parse(perMinute, failedPercent, afterDevices);
        }
    }

    private final StringProperty perMinute = new SimpleStringProperty("");
    private final StringProperty failedPercent = new SimpleStringProperty("");
    private final StringProperty afterDevices = new SimpleStringProperty("");

    public Snapshot snapshot() {
        return new Snapshot(perMinute.get(), failedPercent.get(), afterDevices.get());
    }

    public StringProperty perMinuteProperty() {
        return perMinute;
    }

    public StringProperty failedPercentProperty() {
        return failedPercent;
    }

    public StringProperty afterDevicesProperty() {
        return afterDevices;
    }
}
