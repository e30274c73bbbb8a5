package io.iotworkbench.ui.serial;

import io.iotworkbench.serial.DownloadModeEntry;
import io.iotworkbench.serial.ProbeResult;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.ui.common.PaneTasks;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * A console's board control: reset (RTS, or {@code reboot} on a port without modem lines), the download-mode
 * sequence, and a probe for what answers on the port.
 *
 * <p>Threading: commands and the property on the FX thread; the work runs as the console's {@link PaneTasks} and
 * reports through its message.
 */
public final class ConsoleBoardControl {

    private final SerialConnection connection;
    private final PaneTasks tasks;
    private final Executor fxExecutor;
    private final ConsoleInput input;
    private final StringProperty probe = new SimpleStringProperty("not probed");

    ConsoleBoardControl(SerialConnection connection, PaneTasks tasks, Executor fxExecutor, ConsoleInput input) {
        this.connection = connection;
        this.tasks = tasks;
        this.fxExecutor = fxExecutor;
        this.input = input;
    }

    /** Pulses RTS; on a port without modem lines (a pty) sends {@code reboot} instead and says so. */
    public void reset() {
        tasks.info("Resetting…");
        tasks.await(null, null, "Reset failed", connection::reset, pulsed -> {
            if (pulsed) {
                tasks.info("Reset: RTS pulsed");
            } else {
                input.write(input.terminate("reboot"), "This port has no RTS line; sent 'reboot' instead");
            }
        });
    }

    /** Runs the download-mode sequence on the worker; the ROM's {@code C}s confirm it. */
    public void enterDownloadMode() {
        tasks.info("Entering download mode…");
        tasks.run(null, "Download mode failed", () -> connection.enterDownloadMode(DownloadModeEntry.Options.DEFAULT,
                () -> false, step -> fxExecutor.execute(() -> tasks.info("Download mode: " + step))),
                ok -> tasks.info(ok ? "In download mode: the ROM answers with C"
                        : "The ROM did not answer; hold BOOT and reset"));
    }

    /** Sends CR and looks for the WM prompt, boot lines or the ROM (up to 2 s), on the worker. */
    public void probe() {
        probe.set("probing…");
        tasks.latest("probe", null, () -> {
            try {
                return describe(connection.probe(Duration.ofSeconds(2)));
            } catch (IOException | RuntimeException e) {
                return "probe failed: " + e.getMessage();
            }
        }, probe::set);
    }

    static String describe(ProbeResult r) {
        if (!r.isWmBoard()) {
            return "no WM board answered" + (r.detail() == null || r.detail().isEmpty() ? "" : ": " + r.detail());
        }
        String what = switch (r.evidence()) {
            case CLI_PROMPT -> "CLI prompt";
            case BOOT_LINES -> "boot lines";
            case ROM_DOWNLOAD_MODE -> "ROM in download mode";
            case NONE -> "";
        };
        return (r.chip() == null ? "WM board" : r.chip()) + " (" + what + ")"
                + (r.firmwareVersion() == null ? "" : ", firmware " + r.firmwareVersion());
    }

    /** What the last probe found. */
    public ReadOnlyStringProperty probeProperty() {
        return probe;
    }
}
