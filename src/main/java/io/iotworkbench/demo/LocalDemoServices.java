package io.iotworkbench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.concurrent.DaemonThreads;
import io.iotworkbench.jobs.JobSpec;
import io.iotworkbench.jobs.JobsClient;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.ReceivedMessage;
import io.iotworkbench.recording.SessionRecorder;
import io.iotworkbench.serial.ReconnectPolicy;
import io.iotworkbench.serial.SerialConnection;
import io.iotworkbench.serial.SerialSettings;
import io.iotworkbench.serial.cli.LineEnding;
import io.iotworkbench.serial.console.SerialConsole;
import io.iotworkbench.serial.console.SerialLine;
import io.iotworkbench.serial.virtualboard.BoardOptions;
import io.iotworkbench.serial.virtualboard.LocalCoreAwsDemo;
import io.iotworkbench.serial.virtualboard.VirtualBoardPort;
import io.iotworkbench.serial.virtualboard.VirtualWmBoard;
import io.iotworkbench.session.ConnectionState;
import io.iotworkbench.session.Profile;
import io.iotworkbench.session.ProfileKind;
import io.iotworkbench.session.Session;
import io.iotworkbench.session.SerialBoard;
import io.iotworkbench.shadow.HttpsShadowClient;
import io.iotworkbench.shadow.ShadowClient;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link DemoServices} on a session's parts: its MQTT connection, the AWS SDK clients of its profile (shadows over
 * HTTPS, jobs), and a virtual WM board of its own behind an in-process pipe, whose {@code aws_led}/{@code aws_job}
 * attach to the Local IoT Core's device. {@link #headless} builds and owns every part on a data folder (for
 * {@code demo run}); the window builds one on its own session and borrows the parts.
 *
 * <p>Threading: methods are called on the runner's thread; console lines arrive on the console's pipeline thread
 * and are kept in a bounded list ({@value #MAX_LINES} newest) under this object's lock. When the session has a
 * virtual board open in the Serial pane ({@link Session#board()}), {@code board} steps type into that one and watch
 * its console instead of starting a board of their own.
 */
public final class LocalDemoServices implements DemoServices, AutoCloseable {

    static final int MAX_LINES = 10_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private final Session session;
    private final MqttConnection connection;
    private final LocalCoreRuntime localCore;
    private final AwsClients aws;
    private final Function<String, Optional<Profile>> profiles;
    private final Clock clock;
    private final boolean owned;
    private final ExecutorService shadowIo = Executors.newSingleThreadExecutor(DaemonThreads.named("demo-io"));
    private final ShadowClient shadows;
    private final Deque<String> lines = new ArrayDeque<>();
    private long lineCount;
    private volatile Consumer<String> captions = text -> { };
    private volatile Consumer<String> tabs = tab -> { };
    private volatile Consumer<SerialLine> serialSink = line -> { };
    private VirtualBoardPort board;
    private SerialConnection boardConnection;
    private SerialConsole boardConsole;
    private SerialBoard sharedBoard;
    private AutoCloseable sharedWatch;

    /**
     * @param profiles finds a profile by name (the window: its profile store; headless: the Local profile only)
     */
    public LocalDemoServices(Session session, MqttConnection connection, LocalCoreRuntime localCore, AwsClients aws,
                             Function<String, Optional<Profile>> profiles, Clock clock) {
        this(session, connection, localCore, aws, profiles, clock, false);
    }

    private LocalDemoServices(Session session, MqttConnection connection, LocalCoreRuntime localCore, AwsClients aws,
                              Function<String, Optional<Profile>> profiles, Clock clock, boolean owned) {
        this.session = session;
        this.connection = connection;
        this.localCore = localCore;
        this.aws = aws;
        this.profiles = profiles;
        this.clock = clock;
        this.owned = owned;
        this.shadows = new HttpsShadowClient(() -> {
            try {
                return aws.data(session.profile());
            } catch (Exception e) {
                throw new IllegalStateException(DemoRunner.message(e), e);
            }
        }, shadowIo);
    }

    /**
     * Every part built here and owned: a Local IoT Core on {@code dataDir} (free ports, the virtual device
     * {@code wm_demo_1}), a session on the Local profile, its connection and SDK clients. The core starts now.
     */
    public static LocalDemoServices headless(Path dataDir, Clock clock) {
        LocalCoreRuntime core = new LocalCoreRuntime(dataDir, 0);
        core.start();
        Session session = new Session(Profile.localDefault());
        MqttConnection connection = new MqttConnection(session, core);
        AwsClients aws = new AwsClients(core);
        Function<String, Optional<Profile>> local = name -> isLocalName(name) ? Optional.of(Profile.localDefault())
                : Optional.empty();
        return new LocalDemoServices(session, connection, core, aws, local, clock, true);
    }

    private static boolean isLocalName(String name) {
        return name.equalsIgnoreCase(Profile.LOCAL_NAME) || name.equalsIgnoreCase("local");
    }

    public Session session() {
        return session;
    }

    public MqttConnection connection() {
        return connection;
    }

    public LocalCoreRuntime localCore() {
        return localCore;
    }

    /** Where captions go (the window's bar; headless: printed). */
    public void onCaption(Consumer<String> show) {
        this.captions = show;
    }

    /** Where tab changes go (the window; headless: nowhere). */
    public void onTab(Consumer<String> show) {
        this.tabs = show;
    }

    /** Also hands every board console line to {@code sink} (a recording); called on the console's thread. */
    public void onSerialLine(Consumer<SerialLine> sink) {
        this.serialSink = sink;
    }

    /**
     * Records what this session sees from now on: every MQTT message of its connection and every line of the board's
     * console (the window records through its panes instead).
     */
    public void recordTo(SessionRecorder recorder) {
        java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
        connection.addSink((topic, m) -> recorder.message(ReceivedMessage.of(sequence.incrementAndGet(), topic,
                m.getPayload(), m.getQos(), m.isRetained(), m.isDuplicate(), clock.millis(), Integer.MAX_VALUE)));
        onSerialLine(line -> recorder.serialLine("virtual-board", line.time(), line.text()));
    }

    @Override
    public void connect(String profileName) throws Exception {
        Profile wanted = profiles.apply(profileName).orElseThrow(() -> new IllegalArgumentException(
                "There is no profile \"" + profileName + "\"" + (owned ? " (a headless run uses the Local IoT Core "
                        + "profile only)." : ".")));
        if (session.state() == ConnectionState.CONNECTED && session.profile().name().equals(wanted.name())) {
            return;
        }
        if (session.state().isActive()) {
            connection.disconnect().get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        if (!session.profile().name().equals(wanted.name())) {
            session.selectProfile(wanted);
        }
        if (wanted.kind() == ProfileKind.LOCAL && connection.subscriptions().isEmpty()) {
            connection.subscribe(new io.iotworkbench.mqtt.Subscription("$aws/things/" + session.thingName()
                    + "/shadow/#", 1));
        }
        connection.connect().get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void selectTab(String tab) {
        tabs.accept(tab);
    }

    @Override
    public String thing() {
        return session.thingName();
    }

    @Override
    public void setThing(String thing) {
        session.setThingName(thing);
    }

    @Override
    public Optional<String> updateShadow(String thing, String shadow, JsonNode request) throws Exception {
        ShadowClient.Response r = shadows.update(thing, shadow, request).get(CONNECT_TIMEOUT.toSeconds(),
                TimeUnit.SECONDS);
        return r.ok() ? Optional.empty() : Optional.of(r.status() + " " + r.message());
    }

    @Override
    public Optional<JsonNode> shadowState(String thing, String shadow) throws Exception {
        ShadowClient.Response r = shadows.get(thing, shadow).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return r.ok() ? Optional.of(r.document().path("state")) : Optional.empty();
    }

    @Override
    public void createJob(JobSpec spec) throws Exception {
        jobs().create(spec);
    }

    @Override
    public Optional<String> jobExecutionStatus(String jobId, String thing) throws Exception {
        try {
            var e = aws.iot(session.profile()).describeJobExecution(r -> r.jobId(jobId).thingName(thing)).execution();
            return Optional.ofNullable(e.statusAsString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private JobsClient jobs() throws Exception {
        return new JobsClient(aws.iot(session.profile()));
    }

    @Override
    public void boardCommand(String command) throws Exception {
        Optional<SerialBoard> open = session.board().current();
        if (open.isPresent()) {
            watched(open.get()).type(command);
            return;
        }
        SerialConnection c = startedBoard();
        c.write(LineEnding.DEFAULT.terminate(command));
    }

    /** The board open in the Serial pane, its console lines watched from the first command typed into it. */
    private synchronized SerialBoard watched(SerialBoard board) throws Exception {
        if (board != sharedBoard) {
            if (sharedWatch != null) {
                sharedWatch.close();
            }
            sharedWatch = board.follow(this::lineText);
            sharedBoard = board;
        }
        return board;
    }

    /** The virtual board, started on first use and waited for until its firmware runs. */
    private synchronized SerialConnection startedBoard() throws Exception {
        if (boardConnection == null) {
            board = VirtualBoardPort.startPipe(BoardOptions.defaults(), clock);
            board.board().setAwsDemoHook(new LocalCoreAwsDemo(localCore.ready(), session::thingName,
                    Duration.ofSeconds(60), 2_000, clock));
            boardConsole = new SerialConsole("demo-board", clock);
            boardConsole.addListener((decoded, partial) -> decoded.forEach(this::lineDecoded));
            boardConnection = new SerialConnection(board.endpoint(), SerialSettings.wmDefault(),
                    ReconnectPolicy.DEFAULT, clock);
            boardConnection.addSink(boardConsole::received);
            boardConnection.open();
            Instant deadline = Instant.now().plus(CONNECT_TIMEOUT);
            while (board.board().mode() != VirtualWmBoard.Mode.RUNNING) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The virtual board did not boot within "
                            + CONNECT_TIMEOUT.toSeconds() + " s.");
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        return boardConnection;
    }

    private void lineDecoded(SerialLine line) {
        lineText(line.text());
        serialSink.accept(line);
    }

    private void lineText(String text) {
        synchronized (lines) {
            lines.addLast(text);
            lineCount++;
            if (lines.size() > MAX_LINES) {
                lines.removeFirst();
            }
        }
    }

    @Override
    public long consoleMark() {
        synchronized (lines) {
            return lineCount;
        }
    }

    @Override
    public Optional<String> consoleLineSince(long mark, String text) {
        synchronized (lines) {
            long first = lineCount - lines.size();
            long index = first;
            for (String line : lines) {
                if (index++ >= mark && line.contains(text)) {
                    return Optional.of(line);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> lastConsoleLine() {
        synchronized (lines) {
            return Optional.ofNullable(lines.peekLast());
        }
    }

    @Override
    public void caption(String text) {
        captions.accept(text);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (sharedWatch != null) {
                try {
                    sharedWatch.close();
                } catch (Exception ignored) {
                    // only a listener to remove
                }
            }
            if (boardConnection != null) {
                boardConnection.close();
                boardConsole.close();
                board.close();
            }
        }
        shadowIo.shutdownNow();
        if (owned) {
            connection.close();
            aws.close();
            localCore.close();
        }
    }
}
