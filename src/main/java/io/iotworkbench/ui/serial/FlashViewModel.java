package io.iotworkbench.ui.serial;

import io.iotworkbench.serial.SerialChannel;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.flash.FirmwareFile;
import io.iotworkbench.serial.flash.FlashCancelledException;
import io.iotworkbench.serial.flash.FlashOptions;
import io.iotworkbench.serial.flash.FlashProgress;
import io.iotworkbench.serial.flash.FlashReport;
import io.iotworkbench.serial.flash.InvalidImageException;
import io.iotworkbench.serial.flash.WmFlasher;
import io.iotworkbench.serial.flash.WmImage;
import io.iotworkbench.stream.BoundedBuffer;
import io.iotworkbench.ui.common.FxPump;
import io.iotworkbench.ui.common.PaneTasks;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The flashing part of a console: choose an {@code .img} or {@code .fls}, see its headers checked before anything is
 * sent, then flash it over the ROM protocol with progress and cancel, optionally erasing first, at 2 Mbaud with the
 * flasher's fallback to 115200.
 *
 * <p>States: {@code NO_FILE → CHECKING → READY | INVALID}; {@code READY → FLASHING → DONE | FAILED | CANCELLED};
 * from any state but {@code CHECKING} and {@code FLASHING} another file may be chosen. {@link #start} refuses unless
 * a checked file is loaded.
 *
 * <p>Threading: properties and commands on the FX thread; reading the file and flashing run as {@link PaneTasks} on
 * the console's worker (a check's result is dropped once another check starts, every result once disposed);
 * progress comes through a bounded buffer and an {@link FxPump}.
 */
public final class FlashViewModel {

    /** Where the flashing workflow is. */
    public enum State { NO_FILE, CHECKING, INVALID, READY, FLASHING, DONE, FAILED, CANCELLED }

    public static final List<Integer> BAUD_RATES = List.of(2_000_000, 921_600, 115_200);

    private static final String CHECK = "check";

    /** A checked file and its summary, or (file null) the sentence saying why it was refused. */
    private record Checked(FirmwareFile file, String text) {
    }

    /** How a flash ended and the line that says so. */
    private record Ended(State state, String text) {
    }

    private final SerialConnection connection;
    private final PaneTasks tasks;
    private final BoundedBuffer<FlashProgress> progressBuffer = new BoundedBuffer<>(64);
    private final FxPump<FlashProgress> progressPump;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.NO_FILE);
    private final ObjectProperty<FirmwareFile> file = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("Choose a .img or .fls file.");
    private final StringProperty status = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty erase = new SimpleBooleanProperty(false);
    private final IntegerProperty baudRate = new SimpleIntegerProperty(2_000_000);
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final BooleanBinding canStart;
    private final BooleanBinding busy;

    public FlashViewModel(SerialConnection connection, Executor worker, Executor fxExecutor,
                          ScheduledExecutorService scheduler) {
        this.connection = connection;
        this.tasks = PaneTasks.create(worker, null, fxExecutor, e -> String.valueOf(e.getMessage()));
        tasks.onMessage((text, isError) -> status.set(text));
        this.progressPump = new FxPump<>(progressBuffer, this::applyProgress, fxExecutor, scheduler,
                FxPump.DEFAULT_INTERVAL_NANOS, 64);
        canStart = Bindings.createBooleanBinding(() -> file.get() != null && switch (state.get()) {
            case READY, DONE, FAILED, CANCELLED -> true;
            default -> false;
        }, state, file);
        busy = Bindings.createBooleanBinding(() -> state.get() == State.CHECKING || state.get() == State.FLASHING,
                state);
    }

    /** Reads and checks {@code path} on the worker; the result shows in {@link #summaryProperty()}. */
    public void chooseFile(Path path) {
        if (busy.get()) {
            status.set("Wait until the current " + (state.get() == State.FLASHING ? "flash" : "check") + " ends.");
            return;
        }
        state.set(State.CHECKING);
        file.set(null);
        progress.set(0);
        summary.set("Checking " + path.getFileName() + "…");
        status.set("");
        tasks.latest(CHECK, null, () -> {
            try {
                FirmwareFile checked = FirmwareFile.read(path);
                return new Checked(checked, describe(checked));
            } catch (InvalidImageException e) {
                return new Checked(null, "Not a valid WM image: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                return new Checked(null, "Cannot read " + path + ": " + e.getMessage());
            }
        }, checked -> {
            if (checked.file() == null) {
                refuse(checked.text());
                return;
            }
            file.set(checked.file());
            summary.set(checked.text());
            state.set(State.READY);
        });
    }

    private void refuse(String why) {
        file.set(null);
        summary.set(why);
        state.set(State.INVALID);
    }

    static String describe(FirmwareFile f) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %s, %,d bytes, %d image%s",
                f.name(), f.kind().name().toLowerCase(Locale.ROOT), f.length(), f.images().size(),
                f.images().size() == 1 ? "" : "s"));
        for (WmImage image : f.images()) {
            s.append("\n• ").append(image.header().summary()).append(image.isSigned() ? " (signed)" : "");
        }
        for (String warning : f.warnings()) {
            s.append("\n⚠ ").append(warning);
        }
        s.append("\nHeaders and CRCs are valid.");
        return s.toString();
    }

    /**
     * Starts flashing the checked file. Refused, with the reason in {@link #statusProperty()}, when no valid file is
     * loaded or a flash is running.
     *
     * @return true when the flash started
     */
    public boolean start() {
        if (!canStart.get()) {
            status.set(state.get() == State.INVALID ? "Refused: the chosen file is not a valid WM image."
                    : busy.get() ? "A flash or check is running." : "Choose a valid .img or .fls first.");
            return false;
        }
        FirmwareFile chosen = file.get();
        FlashOptions options = FlashOptions.DEFAULT.withBaudRate(baudRate.get()).withErase(erase.get());
        cancelled.set(false);
        progress.set(0);
        state.set(State.FLASHING);
        status.set("Starting…");
        tasks.run(null, () -> {
            try (SerialChannel channel = connection.claim("flashing " + chosen.name())) {
                FlashReport report = new WmFlasher(channel, options, p -> {
                    progressBuffer.offer(p);
                    progressPump.signal();
                }).flash(List.of(chosen), cancelled::get);
                return new Ended(State.DONE, String.format(Locale.ROOT, "Flashed %s: %,d bytes at %,d baud%s in "
                                + "%.1f s, %d blocks re-sent; %s.", String.join(", ", report.files()),
                        report.bytesSent(), report.baudRate(), report.baudRate() < options.baudRate()
                                ? " (fell back from " + String.format(Locale.ROOT, "%,d", options.baudRate()) + ")"
                                : "", report.elapsed().toMillis() / 1000.0, report.retransmissions(),
                        report.romConfirmed() ? "the ROM accepted the image" : "the ROM did not confirm it"));
            } catch (FlashCancelledException e) {
                return new Ended(State.CANCELLED, "Cancelled: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                return new Ended(State.FAILED, "Flash failed: " + e.getMessage());
            }
        }, ended -> finish(ended.state(), ended.text(), ended.state() == State.DONE ? 1 : progress.get()));
        return true;
    }

    private void finish(State end, String text, double fraction) {
        progressBuffer.clear();
        progress.set(fraction);
        status.set(text);
        state.set(end);
    }

    private void applyProgress(List<FlashProgress> batch) {
        if (state.get() != State.FLASHING) {
            return;
        }
        FlashProgress last = batch.get(batch.size() - 1);
        progress.set(last.fraction());
        status.set(last.phase() == FlashProgress.Phase.SENDING
                ? String.format(Locale.ROOT, "Sending %s: %,d of %,d bytes", last.file(), last.bytesDone(),
                last.bytesTotal())
                : last.message());
    }

    /** Stops applying progress; for when the console closes. */
    public void dispose() {
        cancelled.set(true);
        progressPump.stop();
        tasks.dispose();
    }

    /** Asks the running flash to stop at its next check. */
    public void cancel() {
        if (state.get() == State.FLASHING) {
            cancelled.set(true);
            status.set("Cancelling…");
        }
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty eraseProperty() {
        return erase;
    }

    public IntegerProperty baudRateProperty() {
        return baudRate;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding busyProperty() {
        return busy;
    }
}
