package io.iotworkbench.ui.serial;

import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.serial.PortInfo;
import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.SerialEndpoint;
import io.iotworkbench.serial.SerialPortWatcher;
import io.iotworkbench.serial.SerialPorts;
import io.iotworkbench.serial.SerialSettings;
import io.iotworkbench.serial.virtualboard.BoardOptions;
import io.iotworkbench.serial.virtualboard.LocalCoreAwsDemo;
import io.iotworkbench.serial.virtualboard.VirtualBoardPort;
import io.iotworkbench.ui.common.PaneContext;
import io.iotworkbench.ui.common.PaneTasks;
import io.iotworkbench.ui.common.PaneViewModel;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * View model of the Serial pane: the port list (refreshed on hot-plug, WCH bridges marked as likely WM boards), a
 * free-text path for ports the list cannot show (ptys), the port settings, the open consoles (several ports at once,
 * one {@link ConsoleViewModel} each), the virtual WM board (whose {@code aws_led} runs the led_demo device against the
 * session's Local IoT Core) and the {@link TimelineViewModel timeline}.
 *
 * <p>Threading: properties and commands on the FX thread (the {@link PaneContext#fxExecutor()}); opening ports and
 * starting the virtual board run as {@link PaneTasks} on the pane's worker threads ({@code serial-pane-worker});
 * port lists come from a
 * {@link SerialPortWatcher} on the context's scheduler. Testable without a toolkit.
 */
public final class SerialViewModel extends PaneViewModel {

    private static final Duration WATCH_PERIOD = Duration.ofSeconds(2);

    private final PaneContext context;
    private final Clock clock;
    private final ExecutorService worker;
    private final SerialPortWatcher watcher;
    private final TimelineViewModel timeline;
    private final ObservableList<PortInfo> ports = FXCollections.observableArrayList();
    private final ObservableList<PortInfo> portsView = FXCollections.unmodifiableObservableList(ports);
    private final ObjectProperty<PortInfo> selectedPort = new SimpleObjectProperty<>();
    private final StringProperty path = new SimpleStringProperty("");
    private final StringProperty baudRate = new SimpleStringProperty(Integer.toString(SerialSettings.WM_DEFAULT_BAUD));
    private final IntegerProperty dataBits = new SimpleIntegerProperty(8);
    private final ObjectProperty<SerialSettings.Parity> parity = new SimpleObjectProperty<>(SerialSettings.Parity.NONE);
    private final ObjectProperty<SerialSettings.StopBits> stopBits =
            new SimpleObjectProperty<>(SerialSettings.StopBits.ONE);
    private final ObjectProperty<SerialSettings.FlowControl> flowControl =
            new SimpleObjectProperty<>(SerialSettings.FlowControl.NONE);
    private final ObservableList<ConsoleViewModel> consoles = FXCollections.observableArrayList();
    private final java.util.Map<ConsoleViewModel, io.iotworkbench.session.SerialBoard> boards =
            new java.util.HashMap<>();
    private final ObservableList<ConsoleViewModel> consolesView = FXCollections.unmodifiableObservableList(consoles);
    private final ObjectProperty<ConsoleViewModel> selectedConsole = new SimpleObjectProperty<>();
    private final PaneTasks tasks;

    /** A started virtual board and the connection opened on it. */
    private record Started(SerialConnection connection, VirtualBoardPort port) {
    }

    public SerialViewModel(PaneContext context) {
        this(context, SerialPorts::list, Clock.systemUTC());
    }

    /** With the port lister to watch (tests give a fixed list). */
    public SerialViewModel(PaneContext context, Supplier<List<PortInfo>> lister, Clock clock) {
        super(context.fxSession());
        this.context = context;
        this.clock = clock;
        this.worker = Executors.newCachedThreadPool(DaemonThreads.numbered("serial-pane-worker-"));
        this.tasks = useTasks(PaneTasks.create(worker, null, context.fxExecutor(),
                e -> String.valueOf(e.getMessage())));
        this.timeline = new TimelineViewModel(context.pipeline(), context.fxSession().thingNameProperty(),
                context.fxExecutor(), context.scheduler());
        timeline.useRedactor(session().redactor());
        this.watcher = new SerialPortWatcher(lister, context.scheduler(), WATCH_PERIOD,
                change -> context.fxExecutor().execute(() -> updatePorts(change.ports())));
        selectedConsole.addListener((o, a, b) -> session().setSerialBoard(b == null ? null : b.asSerialBoard()));
    }

    private void updatePorts(List<PortInfo> now) {
        PortInfo selected = selectedPort.get();
        ports.setAll(now);
        if (selected != null && now.stream().noneMatch(p -> p.path().equals(selected.path()))) {
            selectedPort.set(null);
        }
        if (selectedPort.get() == null) {
            now.stream().filter(PortInfo::isLikelyWmBoard).findFirst().ifPresent(selectedPort::set);
        }
    }

    @Override
    public String title() {
        return "Serial";
    }

    @Override
    public String purpose() {
        return "A serial console that knows the WM board: log colours, CLI completion and flashing.";
    }

    @Override
    public List<String> capabilities() {
        return List.of(
                "WM log levels coloured, ANSI colours, timestamps, filters and search",
                "WM CLI completion, macros and history",
                "Flashing over the ROM protocol with image checks",
                "A virtual WM board for working without hardware");
    }

    /**
     * The settings the fields describe.
     *
     * @throws IllegalArgumentException with a message for the user when the baud rate is not a positive number
     */
    public SerialSettings settings() {
        int baud;
        try {
            baud = Integer.parseInt(baudRate.get().replace(",", "").replace("_", "").strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The baud rate must be a number, e.g. 115200, not '"
                    + baudRate.get() + "'.");
        }
        if (baud <= 0) {
            throw new IllegalArgumentException("The baud rate must be positive.");
        }
        return new SerialSettings(baud, dataBits.get(), parity.get(), stopBits.get(), flowControl.get());
    }

    /** The path field when filled, else the chosen port's path, else null. */
    public String target() {
        String typed = path.get() == null ? "" : path.get().strip();
        if (!typed.isEmpty()) {
            return typed;
        }
        PortInfo p = selectedPort.get();
        return p == null ? null : p.path();
    }

    /** Opens the typed path or the chosen port in a new console; an open one is selected instead. */
    public void open() {
        String target = target();
        if (target == null) {
            tasks.fail("Choose a port or type a path (e.g. /dev/ttyUSB0 or a pty).");
            return;
        }
        for (ConsoleViewModel c : consoles) {
            if (c.name().equals(target)) {
                selectedConsole.set(c);
                tasks.info(target + " is already open.");
                return;
            }
        }
        SerialSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            tasks.fail(e.getMessage());
            return;
        }
        tasks.run("Opening " + target + " at " + settings.summary(), "Cannot open " + target, () -> {
            SerialConnection connection = new SerialConnection(SerialEndpoint.port(target), settings,
                    ReconnectPolicy.DEFAULT, clock);
            try {
                connection.open();
                return connection;
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }, connection -> added(connection, null, "Opened " + target + " at " + settings.summary()));
    }

    /**
     * Starts a virtual WM board (behind a socat pty pair when socat is installed, an in-process port otherwise) and
     * opens it. Its {@code aws_led} runs the led_demo device against the session's Local IoT Core.
     */
    public void startVirtualBoard() {
        tasks.run("Starting a virtual WM board", "The virtual board did not start", () -> {
            VirtualBoardPort port = null;
            try {
                Path dir = Files.createTempDirectory("iot-workbench-vboard-");
                port = VirtualBoardPort.start(BoardOptions.defaults(), clock, dir);
                port.board().setAwsDemoHook(new LocalCoreAwsDemo(context.localCore().ready(),
                        () -> context.fxSession().session().thingName(), Duration.ofSeconds(30), 2_000, clock));
                SerialConnection connection = new SerialConnection(port.endpoint(), SerialSettings.wmDefault(),
                        ReconnectPolicy.DEFAULT, clock);
                connection.open();
                return new Started(connection, port);
            } catch (IOException | RuntimeException e) {
                if (port != null) {
                    port.close();
                }
                throw e;
            }
        }, started -> {
            if (started.port().userPath().isPresent()) {
                path.set("");
            }
            added(started.connection(), started.port(), "Started the " + started.port().description());
        });
    }

    private void added(SerialConnection connection, VirtualBoardPort board, String text) {
        ConsoleViewModel console = new ConsoleViewModel(connection.name(), connection, board, clock, worker,
                context.fxExecutor(), context.scheduler(), timeline.serialSink(connection.name()));
        console.reportDropsTo(session().metrics()::messagesDropped);
        console.useRedactor(session().redactor());
        if (board != null) {
            var open = console.asSerialBoard();
            session().board().opened(open);
            boards.put(console, open);
        }
        consoles.add(console);
        selectedConsole.set(console);
        tasks.info(text);
    }

    /** Closes a console's port (and its virtual board) and removes it. */
    public void close(ConsoleViewModel console) {
        if (consoles.remove(console)) {
            var open = boards.remove(console);
            if (open != null) {
                session().board().closed(open);
            }
            console.dispose();
            if (selectedConsole.get() == console) {
                selectedConsole.set(consoles.isEmpty() ? null : consoles.get(consoles.size() - 1));
            }
            tasks.info("Closed " + console.name());
        }
    }

    /** Closes every console, stops watching ports and the timeline. */
    @Override
    public void dispose() {
        watcher.close();
        timeline.close();
        List.copyOf(consoles).forEach(this::close);
        session().setSerialBoard(null);
        tasks.dispose();
        worker.shutdown();
    }

    /** The preset baud rates and "custom" is whatever is typed. */
    public List<String> baudPresets() {
        return SerialSettings.BAUD_PRESETS.stream().map(String::valueOf).toList();
    }

    /** "3 ports, 1 likely WM board". */
    public String portSummary() {
        long wm = ports.stream().filter(PortInfo::isLikelyWmBoard).count();
        return String.format(Locale.ROOT, "%d port%s, %d likely WM board%s", ports.size(),
                ports.size() == 1 ? "" : "s", wm, wm == 1 ? "" : "s");
    }

    public ObservableList<PortInfo> ports() {
        return portsView;
    }

    public ObjectProperty<PortInfo> selectedPortProperty() {
        return selectedPort;
    }

    public StringProperty pathProperty() {
        return path;
    }

    public StringProperty baudRateProperty() {
        return baudRate;
    }

    public IntegerProperty dataBitsProperty() {
        return dataBits;
    }

    public ObjectProperty<SerialSettings.Parity> parityProperty() {
        return parity;
    }

    public ObjectProperty<SerialSettings.StopBits> stopBitsProperty() {
        return stopBits;
    }

    public ObjectProperty<SerialSettings.FlowControl> flowControlProperty() {
        return flowControl;
    }

    public ObservableList<ConsoleViewModel> consoles() {
        return consolesView;
    }

    public ObjectProperty<ConsoleViewModel> selectedConsoleProperty() {
        return selectedConsole;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }
}
