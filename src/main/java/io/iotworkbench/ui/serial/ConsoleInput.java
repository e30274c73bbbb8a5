package io.iotworkbench.ui.serial;

import io.iotworkbench.diagnostics.Redactor;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.cli.CommandHistory;
import io.iotworkbench.serial.cli.LineEnding;
import io.iotworkbench.serial.cli.WmCliCatalog;
import io.iotworkbench.serial.cli.WmMacro;
import io.iotworkbench.serial.console.SerialConsole;
import io.iotworkbench.ui.common.PaneTasks;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A console's input line: what is typed, the line ending, history (lines with a Wi-Fi password stay out), WM CLI
 * completion and usage, macros that wait for the prompt between lines, and sending a file's bytes.
 *
 * <p>Threading: properties and commands on the FX thread; writes and waits run as the console's {@link PaneTasks}
 * on its worker, and report through its message.
 */
public final class ConsoleInput {

    private static final long MAX_SEND_FILE = 1024 * 1024;
    private static final Duration PROMPT_WAIT = Duration.ofSeconds(20);

    private final SerialConnection connection;
    private final SerialConsole console;
    private final PaneTasks tasks;
    private final WmCliCatalog catalog = WmCliCatalog.standard();
    private final CommandHistory history = new CommandHistory();
    private final StringProperty input = new SimpleStringProperty("");
    private final ObjectProperty<LineEnding> lineEnding = new SimpleObjectProperty<>(LineEnding.DEFAULT);
    private final StringProperty usage = new SimpleStringProperty("");
    private final ObservableList<String> completions = FXCollections.observableArrayList();
    private final ObservableList<String> completionsView = FXCollections.unmodifiableObservableList(completions);

    ConsoleInput(SerialConnection connection, SerialConsole console, PaneTasks tasks) {
        this.connection = connection;
        this.console = console;
        this.tasks = tasks;
        input.addListener((o, a, text) -> usage.set(catalog.usage(text).orElse("")));
    }

    /** Sends the input line with the chosen line ending (an empty line sends the ending alone) and records it. */
    public void send() {
        String line = input.get() == null ? "" : input.get();
        if (!Redactor.hasAlwaysSecret(line)) {
            history.add(line);
        }
        input.set("");
        completions.clear();
        write(lineEnding.get().terminate(line), null);
    }

    /** Writes {@code bytes} on the worker; {@code done} (null: nothing) is shown once they are written. */
    void write(byte[] bytes, String done) {
        tasks.run(null, "Not sent", () -> {
            connection.write(bytes);
            return done == null ? "" : done;
        }, this::show);
    }

    /** {@code line} with the chosen line ending. */
    byte[] terminate(String line) {
        return lineEnding.get().terminate(line);
    }

    public void historyPrevious() {
        history.previous(input.get()).ifPresent(input::set);
    }

    public void historyNext() {
        history.next().ifPresent(input::set);
    }

    /**
     * Tab: completes the input to the longest common beginning of the WM CLI candidates (adding a blank when only one
     * fits) and lists the candidates when there are several.
     */
    public void complete() {
        String text = input.get() == null ? "" : input.get();
        List<String> candidates = catalog.complete(text);
        completions.setAll(candidates.size() > 1 ? candidates : List.of());
        if (candidates.size() == 1) {
            input.set(candidates.get(0) + " ");
        } else if (!candidates.isEmpty()) {
            String common = WmCliCatalog.commonPrefix(candidates);
            if (common.length() > text.stripLeading().length()) {
                input.set(common);
            }
        }
    }

    /**
     * Runs a macro: fills its placeholders (a bad or missing value is reported and nothing is sent), then sends each
     * line once the board shows its prompt again. Lines with a password stay out of the history.
     *
     * @return false when the values were refused
     */
    public boolean runMacro(WmMacro macro, Map<String, String> values) {
        List<String> expanded;
        try {
            expanded = macro.expand(values);
        } catch (IllegalArgumentException e) {
            tasks.info(e.getMessage());
            return false;
        }
        if (!macro.hasSecret()) {
            expanded.forEach(history::add);
        }
        LineEnding ending = lineEnding.get();
        tasks.info("Running " + macro.label() + "…");
        tasks.run(null, macro.label() + " stopped", () -> {
            try {
                for (int i = 0; i < expanded.size(); i++) {
                    sendAndAwaitPrompt(ending.terminate(expanded.get(i)), i < expanded.size() - 1);
                }
                return macro.label() + " sent";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }, this::show);
        return true;
    }

    private void show(String text) {
        if (!text.isEmpty()) {
            tasks.info(text);
        }
    }

    /** Writes a line and, when asked, waits (up to 20 s) for new lines and then the bare prompt. Worker thread. */
    private void sendAndAwaitPrompt(byte[] bytes, boolean await) throws IOException, InterruptedException {
        if (!await) {
            connection.write(bytes);
            return;
        }
        CountDownLatch prompt = new CountDownLatch(1);
        AtomicBoolean sawLines = new AtomicBoolean();
        SerialConsole.Listener watch = (decoded, now) -> {
            if (!decoded.isEmpty()) {
                sawLines.set(true);
            }
            if (sawLines.get() && now != null && now.isPrompt() && now.text().strip().endsWith(":")) {
                prompt.countDown();
            }
        };
        console.addListener(watch);
        try {
            connection.write(bytes);
            if (!prompt.await(PROMPT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("no prompt within " + PROMPT_WAIT.toSeconds() + " s");
            }
        } finally {
            console.removeListener(watch);
        }
    }

    /** Sends a file's bytes as they are (up to 1 MiB), on the worker. */
    public void sendFile(Path file) {
        tasks.run(null, "Not sent", () -> {
            long size = Files.size(file);
            if (size > MAX_SEND_FILE) {
                return file.getFileName() + " is " + size + " bytes; send files up to 1 MiB (flash firmware "
                        + "with Flash instead)";
            }
            byte[] data = Files.readAllBytes(file);
            for (int at = 0; at < data.length; at += 256) {
                connection.write(java.util.Arrays.copyOfRange(data, at, Math.min(data.length, at + 256)));
            }
            return String.format(Locale.ROOT, "Sent %s (%,d bytes)", file.getFileName(), data.length);
        }, tasks::info);
    }

    public StringProperty inputProperty() {
        return input;
    }

    public ObjectProperty<LineEnding> lineEndingProperty() {
        return lineEnding;
    }

    public ReadOnlyStringProperty usageProperty() {
        return usage;
    }

    public ObservableList<String> completions() {
        return completionsView;
    }

    public CommandHistory history() {
        return history;
    }

    public List<WmMacro> macros() {
        return WmMacro.awsDemo();
    }
}
