package io.iotworkbench.ui.serial;

import io.iotworkbench.diagnostics.Redactor;
import io.iotworkbench.serial.PortState;
import io.iotworkbench.serial.PortStatus;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.console.LineFilter;
import io.iotworkbench.serial.console.LogLevel;
import io.iotworkbench.serial.console.RawCapture;
import io.iotworkbench.serial.console.SecretMask;
import io.iotworkbench.serial.console.SearchMatch;
import io.iotworkbench.serial.console.SerialConsole;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.console.SerialLineStore;
import io.iotworkbench.serial.virtualboard.VirtualBoardPort;
import io.iotworkbench.stream.BoundedBuffer;
import io.iotworkbench.ui.common.FxPump;
import io.iotworkbench.ui.common.PaneTasks;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One open port in the Serial pane (one console tab): the connection, its {@link SerialConsole} pipeline, and what
 * the console view shows and does — the visible lines (bounded by the line store, filtered by level and tag), search
 * with highlight ranges, pause/follow, timestamps, a hex view of the newest raw bytes, export, and its parts: the
 * {@link ConsoleInput input line} (line ending, history, WM CLI completion and usage, macros, sending a file), the
 * {@link ConsoleLogFile log file}, {@link ConsoleBoardControl board control} (reset, download mode, probe) and
 * {@link FlashViewModel flashing}.
 *
 * <p>Threading: decoded lines go from the console's pipeline thread into a bounded buffer and reach the FX thread in
 * batches through an {@link FxPump}; every property and command is for the FX thread. Writes, probes, file work and
 * the download sequence run as {@link PaneTasks} on the pane's worker executor and report back through the FX
 * executor into the message. {@link #dispose()} ends the tab.
 */
public final class ConsoleViewModel {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final long HEX_REFRESH_NANOS = 250_000_000L;
    private static final int MAX_SEARCH_MATCHES = 10_000;

    /** One hand-over from the pipeline thread: completed lines and the line being received. */
    private record Batch(List<SerialLine> lines, SerialLine partial) {
    }

    private final String name;
    private final SerialConnection connection;
    private final SerialConsole console;
    private final VirtualBoardPort virtualBoard;
    private final ExecutorService worker;
    private final java.util.concurrent.Executor fxExecutor;
    private final PaneTasks tasks;
    private final RawCapture raw = new RawCapture();
    private final BoundedBuffer<Batch> batches = new BoundedBuffer<>(1_024);
    private final FxPump<Batch> pump;
    private final SerialConnection.Registration sink;
    private final FlashViewModel flash;
    private final ConsoleInput input;
    private final ConsoleBoardControl board;
    private final ConsoleLogFile logFile;

    private final ObservableList<SerialLine> lines = FXCollections.observableArrayList();
    private final ObservableList<SerialLine> linesView = FXCollections.unmodifiableObservableList(lines);
    private final ObjectProperty<SerialLine> partial = new SimpleObjectProperty<>();
    private final ObjectProperty<PortStatus> status;
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final BooleanProperty timestamps = new SimpleBooleanProperty(false);
    private final BooleanProperty hexView = new SimpleBooleanProperty(false);
    private final StringProperty hexText = new SimpleStringProperty("");
    private final Map<LogLevel, BooleanProperty> levelShown = new EnumMap<>(LogLevel.class);
    private final BooleanProperty unleveledShown = new SimpleBooleanProperty(true);
    private final StringProperty tag = new SimpleStringProperty("");
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ObservableList<String> tagsView = FXCollections.unmodifiableObservableList(tags);
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty ignoreCase = new SimpleBooleanProperty(true);
    private final ObservableList<SearchMatch> matches = FXCollections.observableArrayList();
    private final ObservableList<SearchMatch> matchesView = FXCollections.unmodifiableObservableList(matches);
    private final IntegerProperty currentMatch = new SimpleIntegerProperty(-1);
    private final IntegerProperty scrollRequest = new SimpleIntegerProperty(-1);
    private final LongProperty batchesApplied = new SimpleLongProperty();
    private final LongProperty droppedLines = new SimpleLongProperty();
    private long lastNumber;
    private long lastHexRefresh;
    private long seenBatchDrops;
    private long seenChunkDrops;
    private LongConsumer dropSink = count -> { };
    private volatile Redactor redactor = new Redactor();
    private boolean missedWhilePaused;

    /**
     * @param timelineSink receives every decoded batch on the pipeline thread (the timeline's bounded buffer)
     */
    ConsoleViewModel(String name, SerialConnection connection, VirtualBoardPort virtualBoard, Clock clock,
                     ExecutorService worker, java.util.concurrent.Executor fxExecutor,
                     ScheduledExecutorService scheduler, Consumer<List<SerialLine>> timelineSink) {
        this(name, connection, virtualBoard, clock, worker, fxExecutor, scheduler, timelineSink,
                SerialLineStore.DEFAULT_CAPACITY);
    }

    ConsoleViewModel(String name, SerialConnection connection, VirtualBoardPort virtualBoard, Clock clock,
                     ExecutorService worker, java.util.concurrent.Executor fxExecutor,
                     ScheduledExecutorService scheduler, Consumer<List<SerialLine>> timelineSink, int capacity) {
        this.name = name;
        this.connection = connection;
        this.virtualBoard = virtualBoard;
        this.worker = worker;
        this.fxExecutor = fxExecutor;
        this.tasks = PaneTasks.create(worker, null, fxExecutor, ConsoleViewModel::explain);
        tasks.onMessage((text, isError) -> message.set(text));
        this.console = new SerialConsole(name, clock, SerialConsole.DEFAULT_BUFFER_CHUNKS,
                new SerialLineStore(capacity), io.iotworkbench.serial.console.WmLogDecoder.DEFAULT_MAX_LINE_CHARS);
        this.status = new SimpleObjectProperty<>(connection.status());
        this.flash = new FlashViewModel(connection, worker, fxExecutor, scheduler);
        this.input = new ConsoleInput(connection, console, tasks);
        this.board = new ConsoleBoardControl(connection, tasks, fxExecutor, input);
        this.logFile = new ConsoleLogFile(tasks, fxExecutor,
                decoded -> redactor.isPresenterMode() ? decoded.stream().map(this::shown).toList() : decoded);
        for (LogLevel level : LogLevel.values()) {
            BooleanProperty shown = new SimpleBooleanProperty(true);
            shown.addListener((o, a, b) -> refilter());
            levelShown.put(level, shown);
        }
        unleveledShown.addListener((o, a, b) -> refilter());
        tag.addListener((o, a, b) -> refilter());
        paused.addListener((o, was, now) -> {
            if (!now && missedWhilePaused) {
                refilter();
            }
        });
        search.addListener((o, a, b) -> runSearch());
        ignoreCase.addListener((o, a, b) -> runSearch());
        hexView.addListener((o, a, now) -> {
            if (now) {
                refreshHex();
            }
        });
        this.pump = new FxPump<>(batches, this::apply, fxExecutor, scheduler, FxPump.DEFAULT_INTERVAL_NANOS, 256);
        console.addListener((decoded, now) -> {
            batches.offer(new Batch(decoded, now));
            pump.signal();
            if (!decoded.isEmpty()) {
                timelineSink.accept(decoded);
                logFile.write(decoded);
            }
        });
        connection.addStatusListener(s -> fxExecutor.execute(() -> status.set(s)));
        this.sink = connection.addSink(chunk -> {
            raw.received(chunk);
            console.received(chunk);
        });
    }

    public String name() {
        return name;
    }

    /** "virtual W800 on /tmp/…/ttyB (socat pty)" for the virtual board, else the port name. */
    public String description() {
        return virtualBoard == null ? name : virtualBoard.description();
    }

    /** This console's board as the session shares it ({@link io.iotworkbench.session.SerialBoard}). */
    public io.iotworkbench.session.SerialBoard asSerialBoard() {
        return new ConsoleSerialBoard(description(), console, connection);
    }

    public boolean isVirtualBoard() {
        return virtualBoard != null;
    }

    public VirtualBoardPort virtualBoard() {
        return virtualBoard;
    }

    SerialConnection connection() {
        return connection;
    }

    SerialConsole console() {
        return console;
    }

    // ---- lines, filters, search ------------------------------------------------------------------------------

    /**
     * Where this console reports what its bounded buffers dropped (chunks before decoding, batches before the FX
     * thread), as counts since the last report; the Serial pane hands it to the session's metrics (status bar).
     */
    void reportDropsTo(LongConsumer sink) {
        this.dropSink = sink;
    }

    /**
     * The session's redactor: in presenter mode copies, exports and log files hide what it hides. (Wi-Fi passwords
     * are masked in every mode by the console pipeline before a line is stored.)
     */
    void useRedactor(Redactor sessionRedactor) {
        this.redactor = java.util.Objects.requireNonNull(sessionRedactor);
        sessionRedactor.addListener(() -> fxExecutor.execute(() -> {
            if (hexView.get()) {
                refreshHex();
            }
        }));
    }

    /** The line as it may be shown or written now (presenter mode hides more). */
    public SerialLine shown(SerialLine line) {
        Redactor r = redactor;
        return r.isPresenterMode() ? SecretMask.mask(line, r.ranges(line.text(), true)) : line;
    }

    public Redactor redactor() {
        return redactor;
    }

    private void apply(List<Batch> drained) {
        long drops = batches.droppedCount();
        boolean lost = drops != seenBatchDrops;
        long chunkDrops = console.droppedChunks();
        long newDrops = drops - seenBatchDrops + chunkDrops - seenChunkDrops;
        seenBatchDrops = drops;
        seenChunkDrops = chunkDrops;
        if (newDrops > 0) {
            dropSink.accept(newDrops);
        }
        SerialLine now = drained.get(drained.size() - 1).partial();
        partial.set(now);
        droppedLines.set(console.store().droppedCount());
        if (paused.get()) {
            missedWhilePaused = true;
            return;
        }
        if (lost) {
            refilter();
        } else {
            LineFilter filter = filter();
            List<SerialLine> kept = new ArrayList<>();
            for (Batch b : drained) {
                for (SerialLine line : b.lines()) {
                    if (line.number() > lastNumber) {
                        lastNumber = line.number();
                        noteTag(line.tag());
                        if (filter.matches(line)) {
                            kept.add(line);
                        }
                    }
                }
            }
            lines.addAll(kept);
            int excess = lines.size() - console.store().capacity();
            if (excess > 0) {
                lines.remove(0, excess);
            }
        }
        if (hexView.get() && System.nanoTime() - lastHexRefresh > HEX_REFRESH_NANOS) {
            refreshHex();
        }
        batchesApplied.set(batchesApplied.get() + 1);
    }

    private void noteTag(String t) {
        if (t != null) {
            int at = Collections.binarySearch(tags, t);
            if (at < 0) {
                tags.add(-at - 1, t);
            }
        }
    }

    /** The filter the level switches and the tag choice make. */
    public LineFilter filter() {
        Set<LogLevel> shown = EnumSet.noneOf(LogLevel.class);
        levelShown.forEach((level, on) -> {
            if (on.get()) {
                shown.add(level);
            }
        });
        String t = tag.get();
        return new LineFilter(shown, unleveledShown.get() && (t == null || t.isEmpty()),
                t == null || t.isEmpty() ? Set.of() : Set.of(t));
    }

    /** Rebuilds the visible lines from the store with the current filter. */
    void refilter() {
        missedWhilePaused = false;
        List<SerialLine> all = console.store().lines();
        if (!all.isEmpty()) {
            lastNumber = Math.max(lastNumber, all.get(all.size() - 1).number());
        }
        LineFilter filter = filter();
        List<SerialLine> kept = filter.isAll() ? all : all.stream().filter(filter::matches).toList();
        lines.setAll(kept);
        tags.setAll(console.store().tags());
        runSearch();
    }

    private void runSearch() {
        String needle = search.get();
        if (needle == null || needle.isEmpty()) {
            matches.clear();
            currentMatch.set(-1);
            return;
        }
        matches.setAll(console.store().search(needle, ignoreCase.get(), filter(), MAX_SEARCH_MATCHES));
        currentMatch.set(-1);
        if (!matches.isEmpty()) {
            goToMatch(0);
        }
    }

    /** Moves to the next (+1) or previous (-1) match, wrapping around. */
    public void nextMatch(int direction) {
        if (matches.isEmpty()) {
            return;
        }
        int n = matches.size();
        goToMatch(((currentMatch.get() + direction) % n + n) % n);
    }

    private void goToMatch(int index) {
        currentMatch.set(index);
        int at = indexOfLine(matches.get(index).lineNumber());
        if (at >= 0) {
            follow.set(false);
            scrollRequest.set(-1);
            scrollRequest.set(at);
        }
    }

    /** The index in {@link #lines()} of the line numbered {@code number}, or -1. */
    public int indexOfLine(long number) {
        int low = 0;
        int high = lines.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long n = lines.get(mid).number();
            if (n < number) {
                low = mid + 1;
            } else if (n > number) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Where the search text occurs in {@code line}'s text (for highlighting), in order, without overlaps. */
    public List<SearchMatch> highlightRanges(SerialLine line) {
        String needle = search.get();
        if (needle == null || needle.isEmpty()) {
            return List.of();
        }
        List<SearchMatch> found = new ArrayList<>();
        String text = line.text();
        boolean ic = ignoreCase.get();
        for (int at = 0; at <= text.length() - needle.length(); at++) {
            if (text.regionMatches(ic, at, needle, 0, needle.length())) {
                found.add(new SearchMatch(line.number(), at, at + needle.length()));
                at += needle.length() - 1;
            }
        }
        return found;
    }

    /** Removes every line (store and view) and the raw bytes. */
    public void clear() {
        console.store().clear();
        lines.clear();
        tags.clear();
        matches.clear();
        raw.clear();
        hexText.set("");
        partial.set(null);
    }

    private void refreshHex() {
        lastHexRefresh = System.nanoTime();
        RawCapture.Snapshot snapshot = raw.snapshot();
        Redactor r = redactor;
        hexText.set(r.isPresenterMode() ? RawCapture.hexDump(snapshot, r.ranges(
                new String(snapshot.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1), true))
                : RawCapture.hexDump(snapshot));
    }

    /** Lines as plain text, one per line, with host times when timestamps are on. */
    public String textOf(List<SerialLine> selected) {
        StringBuilder s = new StringBuilder();
        boolean withTime = timestamps.get();
        for (SerialLine line : selected) {
            if (withTime) {
                s.append(TIME.format(line.time())).append("  ");
            }
            s.append(shown(line).text()).append('\n');
        }
        return s.toString();
    }

    /** Writes the visible lines to {@code file} on the worker. */
    public void export(Path file) {
        String text = textOf(List.copyOf(lines));
        int count = lines.size();
        tasks.run(null, "Export failed", () -> Files.writeString(file, text, StandardCharsets.UTF_8),
                written -> tasks.info(String.format(Locale.ROOT, "Exported %,d lines to %s", count, file)));
    }

    // ---- board control ---------------------------------------------------------------------------------------

    static String explain(Throwable e) {
        Throwable t = e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
        return String.valueOf(t.getMessage());
    }

    public String statusText() {
        PortStatus s = status.get();
        return s.state() == PortState.RECONNECTING ? "reconnecting (attempt " + s.attempt() + "): " + s.reason()
                : s.reason().startsWith(s.state().name().toLowerCase(Locale.ROOT)) ? s.reason()
                : s.state().name().toLowerCase(Locale.ROOT) + ": " + s.reason();
    }

    /** Ends the tab: stops the pump, closes the log, then the port and its virtual board on the worker. */
    public void dispose() {
        pump.stop();
        flash.dispose();
        sink.close();
        logFile.stopLog();
        tasks.run(null, () -> {
            connection.close();
            console.close();
            if (virtualBoard != null) {
                virtualBoard.close();
                virtualBoard.userPath().map(Path::getParent).ifPresent(ConsoleViewModel::deleteQuietly);
            }
            return Boolean.TRUE;
        }, closed -> { });
        tasks.dispose();
    }

    private static void deleteQuietly(Path emptyDir) {
        try {
            Files.deleteIfExists(emptyDir);
        } catch (IOException ignored) {
            // socat left a link behind; the folder is in the temp area and harmless
        }
    }

    // ---- properties ------------------------------------------------------------------------------------------

    public ObservableList<SerialLine> lines() {
        return linesView;
    }

    public ReadOnlyObjectProperty<SerialLine> partialProperty() {
        return partial;
    }

    public ReadOnlyObjectProperty<PortStatus> statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public BooleanProperty followProperty() {
        return follow;
    }

    public BooleanProperty timestampsProperty() {
        return timestamps;
    }

    public BooleanProperty hexViewProperty() {
        return hexView;
    }

    public ReadOnlyStringProperty hexTextProperty() {
        return hexText;
    }

    public BooleanProperty levelShownProperty(LogLevel level) {
        return levelShown.get(level);
    }

    /** Lines without a WM level (prompt, echoes, banners); only shown when no tag is chosen. */
    public BooleanProperty unleveledShownProperty() {
        return unleveledShown;
    }

    /** The tag to show alone, or "" for all. */
    public StringProperty tagProperty() {
        return tag;
    }

    public ObservableList<String> tags() {
        return tagsView;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty ignoreCaseProperty() {
        return ignoreCase;
    }

    public ObservableList<SearchMatch> matches() {
        return matchesView;
    }

    public ReadOnlyIntegerProperty currentMatchProperty() {
        return currentMatch;
    }

    /** The index of a line the view should scroll to and select (search); -1 between requests. */
    public ReadOnlyIntegerProperty scrollRequestProperty() {
        return scrollRequest;
    }

    /** Counts applied batches, so the view can follow the end after each one. */
    public ReadOnlyLongProperty batchesAppliedProperty() {
        return batchesApplied;
    }

    public ReadOnlyLongProperty droppedLinesProperty() {
        return droppedLines;
    }

    public FlashViewModel flash() {
        return flash;
    }

    /** The input line: typing, history, completion, macros, sending a file. */
    public ConsoleInput input() {
        return input;
    }

    /** Reset, download mode and probe. */
    public ConsoleBoardControl board() {
        return board;
    }

    /** Logging every line to a rotating file. */
    public ConsoleLogFile logFile() {
        return logFile;
    }
}
